//! Reading and writing gettext PO files, as Poedit, Weblate and msgmerge write them: header,
//! comments (`#.` extracted, `#:` references, `#,` flags, `#|` previous msgid), `msgctxt`,
//! multi-line strings, and obsolete entries (`#~`). Plural forms are not used by imprint and
//! are refused with a position.
//!
//! This module knows the file format only: it imports nothing from the rest of imprint.

pub mod merge;
#[cfg(test)]
mod proptests;

use std::fmt::Write;

/// One message of a catalog.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entry {
    /// Context: where the message is used (`values/paragraph`, `ui/contents`).
    pub msgctxt: Option<String>,
    /// The source text.
    pub msgid: String,
    /// The translation (empty when untranslated).
    pub msgstr: String,
    /// `#.` comments for translators.
    pub extracted: Vec<String>,
    /// `#:` references (`path:line`).
    pub references: Vec<String>,
    /// `#,` flags (`fuzzy`...).
    pub flags: Vec<String>,
    /// `#| msgctxt`: the previous context of a fuzzy entry, as `msgmerge --previous` keeps it.
    pub previous_msgctxt: Option<String>,
    /// `#| msgid`: the previous source text of a fuzzy entry.
    pub previous: Option<String>,
    /// `#` translator comments, kept as they are.
    pub comments: Vec<String>,
    /// An obsolete entry (`#~`): its source message is gone.
    pub obsolete: bool,
    /// The 1-based line where the entry starts in its file (0 when made in memory).
    pub line: usize,
}

impl Entry {
    /// Whether the entry is marked fuzzy (its translation is stale).
    pub fn fuzzy(&self) -> bool {
        self.flags.iter().any(|f| f == "fuzzy")
    }

    /// Whether the entry has a current translation.
    pub fn translated(&self) -> bool {
        !self.msgstr.is_empty() && !self.fuzzy() && !self.obsolete
    }

    /// The key of the entry: context and source text.
    pub fn key(&self) -> (Option<&str>, &str) {
        (self.msgctxt.as_deref(), self.msgid.as_str())
    }
}

/// A catalog: the header (the entry with an empty msgid) and the messages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Catalog {
    /// Header fields in order (`Language`, `Content-Type`, `X-Review-Status`...).
    pub header: Vec<(String, String)>,
    /// Comments above the header.
    pub header_comments: Vec<String>,
    /// The messages.
    pub entries: Vec<Entry>,
}

/// A syntax error with its 1-based line and column (the column counts bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoError {
    /// Line.
    pub line: usize,
    /// Column.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl Catalog {
    /// A header field.
    pub fn header_field(&self, name: &str) -> Option<&str> {
        self.header.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Sets a header field, keeping its place if it exists.
    pub fn set_header_field(&mut self, name: &str, value: &str) {
        match self.header.iter_mut().find(|(k, _)| k.eq_ignore_ascii_case(name)) {
            Some(field) => field.1 = value.to_string(),
            None => self.header.push((name.to_string(), value.to_string())),
        }
    }

    /// The current (not obsolete) entry with this key.
    pub fn find(&self, msgctxt: Option<&str>, msgid: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| !e.obsolete && e.key() == (msgctxt, msgid))
    }
}

/// Parses a PO file.
pub fn parse(text: &str) -> Result<Catalog, PoError> {
    // A byte-order mark (as some Windows editors write) is not part of the first line.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut catalog = Catalog::default();
    let mut current = Entry::default();
    let mut started = false;
    // Which string the last keyword opened, for continuation lines.
    let mut field: Option<&'static str> = None;
    // Which previous string (`#| msgctxt` or `#| msgid`) the last `#|` line opened.
    let mut previous_field: Option<&'static str> = None;
    let mut saw_header = false;
    let finish = |entry: &mut Entry, catalog: &mut Catalog, saw_header: &mut bool| {
        let entry = std::mem::take(entry);
        if entry.msgid.is_empty() && entry.msgctxt.is_none() && !entry.obsolete && !*saw_header {
            *saw_header = true;
            catalog.header_comments = entry.comments;
            catalog.header = entry
                .msgstr
                .lines()
                .filter_map(|l| l.split_once(':'))
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .collect();
        } else {
            catalog.entries.push(entry);
        }
    };
    for (index, raw) in text.lines().enumerate() {
        let line_no = index + 1;
        let line = raw.trim();
        if line.is_empty() {
            if started {
                finish(&mut current, &mut catalog, &mut saw_header);
                started = false;
            }
            field = None;
            continue;
        }
        let err = |column: usize, message: &str| PoError { line: line_no, column, message: message.to_string() };
        // Obsolete entries: "#~ msgid ..." and "#~| msgid" (previous of an obsolete fuzzy).
        let (line, obsolete) = match line.strip_prefix("#~") {
            Some(rest) if !rest.starts_with('|') => (rest.trim_start(), true),
            _ => (line, false),
        };
        if let Some(comment) = line.strip_prefix('#') {
            if field.is_some() && started && !current.msgid.is_empty() && !comment.starts_with('|') {
                // A comment after the strings starts the next entry.
                finish(&mut current, &mut catalog, &mut saw_header);
                started = false;
            }
            if !started {
                current.line = line_no;
                started = true;
            }
            field = None;
            match comment.chars().next() {
                Some('.') => current.extracted.push(comment[1..].trim().to_string()),
                Some(':') => current.references.extend(comment[1..].split_whitespace().map(str::to_string)),
                Some(',') => current
                    .flags
                    .extend(comment[1..].split(',').map(|f| f.trim().to_string()).filter(|f| !f.is_empty())),
                Some('|') => {
                    let rest = comment[1..].trim_start();
                    let rest = rest.strip_prefix('~').map(str::trim_start).unwrap_or(rest);
                    let target = if let Some(s) = rest.strip_prefix("msgid ") {
                        previous_field = Some("msgid");
                        Some((s, true))
                    } else if let Some(s) = rest.strip_prefix("msgctxt ") {
                        previous_field = Some("msgctxt");
                        Some((s, true))
                    } else if rest.starts_with('"') {
                        Some((rest, false))
                    } else {
                        None
                    };
                    if let Some((s, new)) = target {
                        let text = unquote(s.trim()).map_err(|m| err(1, &m))?;
                        let slot = match previous_field {
                            Some("msgctxt") => &mut current.previous_msgctxt,
                            _ => &mut current.previous,
                        };
                        match slot {
                            Some(old) if !new => old.push_str(&text),
                            _ => *slot = Some(text),
                        }
                    }
                }
                _ => current.comments.push(comment.strip_prefix(' ').unwrap_or(comment).to_string()),
            }
            continue;
        }
        if !started {
            current.line = line_no;
            started = true;
        }
        current.obsolete |= obsolete;
        let column = raw.len() - raw.trim_start().len() + 1;
        let (keyword, rest) = match line.split_once(char::is_whitespace) {
            _ if line.starts_with('"') => ("", line),
            Some((k, r)) => (k, r.trim()),
            None => (line, ""),
        };
        match keyword {
            "" => {
                let value = unquote(rest).map_err(|m| err(column, &m))?;
                match field {
                    Some("msgctxt") => current.msgctxt.get_or_insert_with(String::new).push_str(&value),
                    Some("msgid") => current.msgid.push_str(&value),
                    Some("msgstr") => current.msgstr.push_str(&value),
                    _ => {
                        return Err(err(column, "a string continues nothing: it must follow msgctxt, msgid or msgstr"));
                    }
                }
            }
            "msgctxt" | "msgid" | "msgstr" => {
                if keyword == "msgctxt" && !current.msgid.is_empty() {
                    finish(&mut current, &mut catalog, &mut saw_header);
                    current.line = line_no;
                    current.obsolete = obsolete;
                }
                let value = unquote(rest).map_err(|m| err(column + keyword.len() + 1, &m))?;
                match keyword {
                    "msgctxt" => current.msgctxt = Some(value),
                    "msgid" => current.msgid = value,
                    _ => current.msgstr = value,
                }
                field = Some(match keyword {
                    "msgctxt" => "msgctxt",
                    "msgid" => "msgid",
                    _ => "msgstr",
                });
            }
            "msgid_plural" => return Err(err(column, "plural forms are not used by imprint")),
            k if k.starts_with("msgstr[") => return Err(err(column, "plural forms are not used by imprint")),
            other => return Err(err(column, &format!("unknown keyword `{other}`"))),
        }
    }
    if started {
        finish(&mut current, &mut catalog, &mut saw_header);
    }
    // As GNU msgfmt: one message may be defined once (obsolete entries aside).
    let mut seen: std::collections::BTreeMap<(Option<&str>, &str), usize> = std::collections::BTreeMap::new();
    for e in catalog.entries.iter().filter(|e| !e.obsolete) {
        if let Some(first) = seen.insert((e.msgctxt.as_deref(), e.msgid.as_str()), e.line) {
            let context = e.msgctxt.as_deref().map(|c| format!(" in `{c}`")).unwrap_or_default();
            return Err(PoError {
                line: e.line,
                column: 1,
                message: format!(
                    "the message{context} is translated twice, here and at line {first}; keep one of the two entries"
                ),
            });
        }
    }
    Ok(catalog)
}

/// The value of a quoted PO string, with its escapes resolved.
fn unquote(s: &str) -> Result<String, String> {
    let inner = s
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .filter(|_| s.len() >= 2)
        .ok_or_else(|| "expected a string in double quotes".to_string())?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('"') => out.push('"'),
                Some('\\') => out.push('\\'),
                Some(other) => return Err(format!("unknown escape `\\{other}`")),
                None => return Err("the string ends with a lone backslash".into()),
            },
            '"' => return Err("a double quote inside a string must be written \\\"".into()),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// A string as PO writes it: quoted and escaped; multi-line values as `""` and one line each.
fn quote(keyword: &str, value: &str, prefix: &str) -> String {
    let esc = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"").replace('\t', "\\t").replace('\r', "\\r");
    if !value.contains('\n') {
        return format!("{prefix}{keyword} \"{}\"\n", esc(value));
    }
    let mut out = format!("{prefix}{keyword} \"\"\n");
    for part in value.split_inclusive('\n') {
        let _ = writeln!(out, "{prefix}\"{}\"", esc(part).replace('\n', "\\n"));
    }
    out
}

/// Writes a catalog.
pub fn write(catalog: &Catalog) -> String {
    let mut out = String::new();
    for c in &catalog.header_comments {
        let _ = writeln!(out, "# {c}");
    }
    out.push_str("msgid \"\"\n");
    let header: String = catalog.header.iter().map(|(k, v)| format!("{k}: {v}\n")).collect();
    out.push_str(&quote("msgstr", &header, ""));
    for e in &catalog.entries {
        out.push('\n');
        for c in &e.comments {
            let _ = writeln!(out, "# {c}");
        }
        for c in &e.extracted {
            let _ = writeln!(out, "#. {c}");
        }
        if !e.references.is_empty() {
            let _ = writeln!(out, "#: {}", e.references.join(" "));
        }
        if !e.flags.is_empty() {
            let _ = writeln!(out, "#, {}", e.flags.join(", "));
        }
        let p = if e.obsolete { "#~ " } else { "" };
        let previous_prefix = if e.obsolete { "#~| " } else { "#| " };
        if let Some(ctxt) = &e.previous_msgctxt {
            out.push_str(&quote("msgctxt", ctxt, previous_prefix));
        }
        if let Some(previous) = &e.previous {
            out.push_str(&quote("msgid", previous, previous_prefix));
        }
        if let Some(ctxt) = &e.msgctxt {
            out.push_str(&quote("msgctxt", ctxt, p));
        }
        out.push_str(&quote("msgid", &e.msgid, p));
        out.push_str(&quote("msgstr", &e.msgstr, p));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const POEDIT: &str = r#"# Spanish translation.
msgid ""
msgstr ""
"Project-Id-Version: imprint\n"
"Language: es\n"
"Content-Type: text/plain; charset=UTF-8\n"
"X-Review-Status: draft\n"
"X-Generator: Poedit 3.4\n"

#. Markdown: keep **bold**.
#: sources/content/02-values.md:7
msgctxt "values/paragraph"
msgid ""
"We believe in **equal** rights "
"for \"all\" people."
msgstr "Creemos en derechos **iguales** para \"todas\" las personas."

#: sources/content/01-mission.md:6
#, fuzzy
#| msgctxt "mission/paragraph"
#| msgid "Ending "
#| "trafficking."
msgctxt "mission/paragraph"
msgid "Ending human trafficking."
msgstr "Acabar con la trata."

#~ msgctxt "old/paragraph"
#~ msgid "Gone."
#~ msgstr "Ido."
"#;

    #[test]
    fn reads_what_poedit_writes() {
        let c = parse(POEDIT).unwrap();
        assert_eq!(c.header_field("language"), Some("es"));
        assert_eq!(c.header_field("X-Review-Status"), Some("draft"));
        assert_eq!(c.entries.len(), 3);
        let e = &c.entries[0];
        assert_eq!(e.msgid, "We believe in **equal** rights for \"all\" people.");
        assert_eq!(e.references, ["sources/content/02-values.md:7"]);
        assert!(e.translated());
        assert_eq!(e.line, 10);
        assert!(c.entries[1].fuzzy());
        assert_eq!(c.entries[1].previous.as_deref(), Some("Ending trafficking."));
        assert_eq!(c.entries[1].previous_msgctxt.as_deref(), Some("mission/paragraph"));
        assert!(c.entries[2].obsolete);
        assert_eq!(c.entries[2].msgstr, "Ido.");
    }

    #[test]
    fn round_trip() {
        let c = parse(POEDIT).unwrap();
        let again = parse(&write(&c)).unwrap();
        assert_eq!(again.entries.len(), 3);
        assert!(again.entries.iter().all(|e| e.line > 0));
        assert_eq!(again.entries[0].msgid, c.entries[0].msgid);
        assert_eq!(again.entries[1].previous, c.entries[1].previous);
        assert_eq!(again.entries[1].previous_msgctxt, c.entries[1].previous_msgctxt);
        assert_eq!(again.header, c.header);
        assert_eq!(write(&again), write(&c));
    }

    #[test]
    fn malformed_files_name_line_and_column() {
        let e = parse("msgid \"a\"\nmsgstr \"b\n").unwrap_err();
        assert_eq!((e.line, e.message.as_str()), (2, "expected a string in double quotes"));
        let e = parse("msgid \"a\"\nmsgid_plural \"as\"\n").unwrap_err();
        assert_eq!(e.line, 2);
        let e = parse("\"orphan\"\n").unwrap_err();
        assert_eq!(e.line, 1);
    }

    #[test]
    fn a_message_translated_twice_is_refused_at_its_second_entry() {
        let text =
            "msgctxt \"a/title\"\nmsgid \"A\"\nmsgstr \"Uno\"\n\nmsgctxt \"a/title\"\nmsgid \"A\"\nmsgstr \"Otro\"\n";
        let e = parse(text).unwrap_err();
        assert_eq!(e.line, 5);
        assert!(e.message.contains("at line 1"), "{}", e.message);
        // The same text in two contexts is two messages.
        assert!(
            parse("msgctxt \"a\"\nmsgid \"A\"\nmsgstr \"x\"\n\nmsgctxt \"b\"\nmsgid \"A\"\nmsgstr \"x\"\n").is_ok()
        );
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_line() {
        let catalog = parse("\u{feff}msgid \"\"\nmsgstr \"Language: es\\n\"\n").unwrap();
        assert_eq!(catalog.header_field("Language"), Some("es"));
    }
}
