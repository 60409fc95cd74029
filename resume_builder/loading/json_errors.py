"""JSON syntax errors in plain words: what is wrong at the place the reader stopped, and how
to fix it (RFC 8259 is the grammar: no trailing commas, texts on one line with escapes)."""

from __future__ import annotations

#: What Python's JSON string scanner (json.decoder.scanstring) says, in plain words.
_ESCAPES = 'JSON knows \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX'


def explain_json(message: str, text: str, pos: int) -> tuple[str, str]:
    """(message, hint) for the reader's ``message`` about ``text`` at offset ``pos``."""
    lowered = message.lower()
    char = text[pos] if 0 <= pos < len(text) else ""
    if lowered.startswith("invalid control character"):
        if char in "\r\n":
            return ("a line break inside a text: a JSON text stays on one line",
                    "write \\n where the text should break, or close the quote before the end of the line")
        if char == "\t":
            return "a tab inside a text", "write \\t instead of the tab"
        return (f"the control character U+{ord(char):04X} inside a text" if char else "a control character inside a text",
                "remove it")
    if lowered.startswith("unterminated string"):
        return "the quote that opens this text is never closed", 'add the closing " at the end of the text'
    if lowered.startswith("invalid \\uxxxx escape"):
        return "a \\u escape needs four hexadecimal digits (\\u00e9)", "write the character itself, or fix the digits"
    if lowered.startswith("invalid \\escape"):
        return f"this backslash starts no escape that JSON knows ({_ESCAPES})", "write \\\\ for a backslash"
    before = text[:pos].rstrip()
    if lowered == "expected a key in double quotes":
        if before.endswith(","):
            return "a comma before '}': JSON allows no comma after the last item", "delete the comma"
        if char == "'":
            return "keys are in double quotes in JSON", "write \"key\", not 'key'"
        return lowered, 'write the key in double quotes: "name": ...'
    if lowered in ("expected ',' or '}'", "expected ',' or ']'"):
        closer = lowered[-2]
        unclosed = _never_closed(text) if not text[pos:].strip() else ("", "")
        if unclosed[0]:  # the file ends inside an object or a list
            return unclosed
        if char and (char in "\"'{[" or char.isalnum()):
            return "a comma is missing before this value", "add ',' at the end of the item before it"
        return lowered, f"separate items with ',' and end the {'object' if closer == '}' else 'list'} with '{closer}'"
    if lowered.startswith("unexpected character"):
        if char == "]" and before.endswith(","):
            return "a comma before ']': JSON allows no comma after the last item", "delete the comma"
        if char == "'":
            return "texts are in double quotes in JSON", "write \"text\", not 'text'"
        return lowered, 'a value is a "text" in double quotes, a number, true, false, null, an {object} or a [list]'
    if lowered.startswith("unexpected end of file"):
        opened = _never_closed(text)[0]
        return lowered, (opened.replace("the file ends, but ", "") + ": close it, after a value if one is missing"
                         if opened else "a closing '}' or ']' is probably missing")
    if lowered.startswith("extra data"):
        return lowered, "a JSON file holds one value: delete what follows, or merge it into the object"
    return message, ""


def _never_closed(text: str) -> tuple[str, str]:
    """(message, hint) naming the innermost '{' or '[' that ``text`` opens and never closes,
    by line and column, or ("", "") when every one is closed. Texts in quotes are skipped."""
    stack: list[tuple[str, int]] = []
    quoted = escaped = False
    for index, char in enumerate(text):
        if quoted:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char in "{[":
            stack.append((char, index))
        elif char in "}]" and stack:
            stack.pop()
    if not stack:
        return "", ""
    opener, index = stack[-1]
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    closer = "}" if opener == "{" else "]"
    return (f"the file ends, but the '{opener}' opened at line {line}, column {column} is never closed",
            f"add '{closer}' where that {'object' if opener == '{' else 'list'} ends")
