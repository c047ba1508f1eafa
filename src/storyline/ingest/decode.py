"""Bytes to text: UTF-8 first, then a detected encoding; refuse what no encoding explains."""

from __future__ import annotations

from storyline.errors import InputError

#: Share of undecodable bytes a mostly-UTF-8 text may have; they become U+FFFD and are removed later.
_MAX_BAD_UTF8_SHARE = 0.01


def decode_bytes(data: bytes, path: str) -> str:
    """Decode a text document.

    Raises:
        InputError: the bytes fit no encoding (binary or badly broken).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    lossy = data.decode("utf-8", errors="replace")
    if lossy.count("\ufffd") <= max(1, len(data) * _MAX_BAD_UTF8_SHARE) and _has_utf8_letters(lossy):
        return lossy.replace("\ufffd", "")
    from charset_normalizer import from_bytes  # noqa: PLC0415

    matches = from_bytes(data[:200_000])
    best = matches.best()
    if best is None or best.chaos > 0.3:
        raise InputError(path, "undecodable bytes: not UTF-8 and no text encoding fits")
    encoding = best.encoding
    # 8-bit code pages often tie (Spanish "ñ" reads as "ń" in cp1250); on a tie, cp1252 is the likely one.
    if any(m.encoding == "cp1252" and m.chaos <= best.chaos and m.coherence >= best.coherence for m in matches):
        encoding = "cp1252"
    return data.decode(encoding, errors="replace")


def _has_utf8_letters(text: str) -> bool:
    # Well-formed multi-byte characters mean UTF-8 with a few broken bytes; a legacy 8-bit
    # file (cp1252, latin-1) has none, and charset detection decodes its accents properly.
    return any(ord(ch) > 0x7F and ch != "\ufffd" for ch in text[:65536])
