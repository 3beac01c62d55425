// Editor validation of item front matter against plugins/xxgk/schema/item.schema.json:
// VS Code with the "unifiedjs.vscode-remark" extension, after
//   npm install --no-save remark-cli remark-frontmatter remark-lint-frontmatter-schema
// See EDITING.md (编辑器中的提示与校验). `xxgk check` remains the authority.
import remarkFrontmatter from "remark-frontmatter";
import remarkLintFrontmatterSchema from "remark-lint-frontmatter-schema";

export default {
  plugins: [
    remarkFrontmatter,
    [remarkLintFrontmatterSchema, { schemas: { "./plugins/xxgk/schema/item.schema.json": ["./content/**/*.md"] } }],
  ],
};
