"""Real attachment files for tests, made byte by byte (no fixture files to keep in sync)."""

from __future__ import annotations


def pdf_bytes(pages: list[str], image: bool = False) -> bytes:
    """A PDF with one Helvetica text line per page (ASCII), or one image and no text."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for text in pages:
        if image:
            objects.append(b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray "
                           b"/BitsPerComponent 8 /Length 1 >>\nstream\n\x80\nendstream")
            image_ref = len(objects)
            content = b"q 100 0 0 100 50 50 cm /Im1 Do Q"
            resources = f"<< /XObject << /Im1 {image_ref} 0 R >> >>"
        else:
            content = f"BT /F1 12 Tf 50 700 Td ({text}) Tj ET".encode()
            resources = "<< /Font << /F1 3 0 R >> >>"
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
        content_ref = len(objects)
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources {resources} "
                       f"/Contents {content_ref} 0 R >>")
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + (body if isinstance(body, bytes) else body.encode()) + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
