"""Bytes → text. The encoding comes from a byte-order mark, a declaration (HTTP header or
<meta charset>), strict UTF-8, or charset-normalizer's detection — in that order.

Binary files (images, archives, programs, anything with NUL bytes) are refused with one line,
never shown as garbage.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from companion.errors import InputError

# Among detections that fit the bytes equally well, these win: the app reads English news, and
# Windows-1252 is the usual legacy encoding of English and Western European text.
PREFERRED_ENCODINGS = ("utf_8", "cp1252", "iso8859_15", "latin_1", "utf_16_le", "utf_16_be")
# Labels that mean Windows-1252 on the web (WHATWG Encoding Standard).
_WEB_CP1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252"}

_BOMS = (  # UTF-32 first: its little-endian mark starts like UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)

_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image", b"GIF8": "a GIF image", b"\xff\xd8\xff": "a JPEG image",
    b"%PDF": "a PDF", b"PK\x03\x04": "a ZIP archive (or a Word/OpenDocument file)",
    b"\x7fELF": "a program", b"\x1f\x8b": "a gzip archive", b"BZh": "a bzip2 archive",
    b"\xfd7zXZ\x00": "an xz archive", b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive", b"Rar!": "a RAR archive",
    b"SQLite format 3\x00": "an SQLite database", b"\xd0\xcf\x11\xe0": "an old Office document",
    b"\x00asm": "a WebAssembly program", b"\xca\xfe\xba\xbe": "a program",
    b"\xcf\xfa\xed\xfe": "a program", b"OggS": "an audio file", b"fLaC": "an audio file",
}
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_SAMPLE = 65536
_DETECT_SAMPLE = 1 << 20
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_MULTIBYTE_LETTER = re.compile("[^\x00-\x7f\ufffd]")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str          # a Python codec name: "utf-8", "utf-8-sig", "utf-16", "cp1252", …
    replaced: int = 0      # bytes that were not valid UTF-8 and became U+FFFD


def decode_text(raw: bytes, *, where: str, declared: str | None = None) -> Decoded:
    """The text of `raw`, or InputError saying why it is not text. `declared` is an encoding the
    source named (HTTP charset, <meta charset>); it is trusted when the bytes decode with it."""
    if not raw.strip():
        raise InputError(f"{where}: the file is empty: there is no text to read.")
    what = binary_kind(raw)
    if what:
        raise InputError(f"{where}: this is {what}, not an article; open a .txt, .md or .html file.")
    decoded = _decode(raw, declared)
    if decoded is None:
        raise InputError(f"{where}: this is not text (binary data, or an encoding that could not be "
                         "detected); save the article as UTF-8 text and open it again.")
    if _looks_binary(decoded.text):
        raise InputError(f"{where}: this looks like a binary file, not an article (it holds control "
                         "characters such as NUL bytes); open a .txt, .md or .html file.")
    return decoded


def binary_kind(raw: bytes) -> str | None:
    """'a PNG image', 'a program', … when the first bytes say so, else None."""
    for magic, what in _BINARY_MAGIC.items():
        if raw.startswith(magic):
            return what
    if raw.startswith(b"MZ") and b"\x00" in raw[:64]:  # "MZ" alone could start a sentence
        return "a Windows program"
    return None


def html_declared_charset(raw: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (<meta charset=…> or http-equiv), if any."""
    found = _META_CHARSET.search(raw[:4096])
    return found.group(1).decode("ascii", "replace") if found else None


def encoding_label(encoding: str | None) -> str:
    """How the status bar names an encoding: 'UTF-8', 'UTF-16 LE', 'Windows-1252', …"""
    if not encoding:
        return ""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return encoding
    labels = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "utf-16": "UTF-16", "utf-32": "UTF-32",
              "utf-16-le": "UTF-16 LE", "utf-16-be": "UTF-16 BE", "cp1252": "Windows-1252",
              "iso8859-1": "Latin-1", "iso8859-15": "Latin-9", "ascii": "ASCII"}
    if name in labels:
        return labels[name]
    if name.startswith("cp") and name[2:].isdigit() and len(name) == 6:
        return f"Windows-{name[2:]}"
    return name.upper().replace("ISO8859-", "ISO-8859-")


def _decode(raw: bytes, declared: str | None) -> Decoded | None:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            text = raw.decode(codec, errors="replace")
            return Decoded(text[1:] if text.startswith("\ufeff") else text, codec)
    codec = _known_codec(declared)
    if codec:
        try:
            return Decoded(raw.decode(codec), codec)
        except (UnicodeError, LookupError, ValueError, TypeError):
            pass  # the declaration is wrong; detect instead
    try:
        text = raw.decode("utf-8")
        if "\x00" not in text:
            return Decoded(text, "utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(raw)
    if damaged and _has_multibyte_letters(damaged.text):
        return damaged  # real UTF-8 around the damage: detection would misread all of it
    return _detect(raw) or damaged


# Python codecs that are not a character set of text on the web: transforms of bytes (zlib,
# base64, hex, bz2 …, which are not text encodings at all), of text (rot13), of host names
# (punycode, idna), of Python source (unicode_escape) — a page that declares one is lying.
_NOT_A_CHARSET = {"punycode", "idna", "unicode-escape", "raw-unicode-escape", "undefined", "utf-7",
                  "unicode-internal", "palmos", "mbcs", "oem"}


def _known_codec(declared: str | None) -> str | None:
    """The codec of a declared charset, or None when it is unknown or not a charset of text."""
    if not declared:
        return None
    label = declared.strip().lower()
    if label in _WEB_CP1252:
        return "cp1252"
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError, TypeError):
        return None
    name = info.name.replace("_", "-")
    if not getattr(info, "_is_text_encoding", True) or name in _NOT_A_CHARSET:
        return None
    # a UTF-16/32 declaration without a byte-order mark is wrong as often as not (browsers ignore it)
    return None if name.startswith(("utf-16", "utf-32")) else info.name


def _detect(raw: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes  # ~50 ms to import; only legacy files need it
    matches = list(from_bytes(_sample(raw)))
    if not matches:
        return None
    best = matches[0]
    ties = [m for m in matches if m.chaos <= best.chaos + 0.01 and m.coherence >= best.coherence - 0.05]
    candidates = [p for p in PREFERRED_ENCODINGS
                  if any(p == m.encoding or p in m.could_be_from_charset for m in ties)]
    for encoding in [*candidates, best.encoding]:
        try:  # the whole text, strictly: a sample's guess must hold for every byte
            return Decoded(raw.decode(encoding), codecs.lookup(encoding).name)
        except (UnicodeError, LookupError):
            continue
    return None


def _sample(raw: bytes) -> bytes:
    """At most ~1 MB for detection (50 MB takes it 10 s), taken where the non-ASCII bytes start
    and ending after a newline, so no character is cut."""
    if len(raw) <= _DETECT_SAMPLE:
        return raw
    high = _HIGH_BYTE.search(raw)
    start = max(0, (high.start() if high else 0) - _DETECT_SAMPLE // 4)
    start -= start % 4
    end = raw.rfind(b"\n", start, start + _DETECT_SAMPLE) + 1 or start + _DETECT_SAMPLE
    if (end - start) % 2 and raw[end:end + 1] == b"\x00":
        end += 1  # UTF-16 LE: the newline's second byte
    return raw[start:end]


def _damaged_utf8(raw: bytes) -> Decoded | None:
    """UTF-8 with a few broken bytes (a cut download, a bad copy): the rest is still worth reading."""
    text = raw.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    if replaced > max(1, len(raw) // 1000):
        return None
    return Decoded(text, "utf-8", replaced=replaced)


def _has_multibyte_letters(text: str) -> bool:
    """Any non-ASCII character other than U+FFFD: legacy 8-bit text almost never decodes to one."""
    return _MULTIBYTE_LETTER.search(text) is not None


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:_CONTROL_SAMPLE]
    return len(_CONTROL.findall(sample)) > 0.01 * len(sample)
