//! CSV (RFC 4180) as the browser's table exports and the server's line item exports write it:
//! numbers with a dot, fields quoted when they hold a comma, quote or line break, and text that
//! starts like a formula defused so a spreadsheet shows it instead of running it.

/// One field: `numeric` fields are written as they are.
pub fn field(text: &str, numeric: bool) -> String {
    let mut out = String::with_capacity(text.len());
    push_field(&mut out, text, numeric);
    out
}

/// `field`, written at the end of `out` (what a long export does, a field at a time, without a
/// string for each).
pub fn push_field(out: &mut String, text: &str, numeric: bool) {
    // OWASP's list: a tab or carriage return first also makes some spreadsheets read a formula.
    let defuse = !numeric && text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = text.contains([',', '"', '\n', '\r']);
    if quote {
        out.push('"');
    }
    if defuse {
        out.push('\'');
    }
    if quote {
        for c in text.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(text);
    }
}

/// A line of fields already written by `field`, ended by CRLF.
pub fn line<S: AsRef<str>>(fields: impl IntoIterator<Item = S>) -> String {
    let mut out = String::new();
    for (i, f) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(f.as_ref());
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defuses_a_leading_tab_or_carriage_return() {
        assert_eq!(field("\t=1+1", false), "'\t=1+1");
        assert_eq!(field("\r=1+1", false), "\"'\r=1+1\"");
        assert_eq!(field("a\tb", false), "a\tb");
    }

    #[test]
    fn quotes_what_needs_it_and_defuses_formulas() {
        assert_eq!(field("plain", false), "plain");
        assert_eq!(field("a,b", false), "\"a,b\"");
        assert_eq!(field("say \"hi\"", false), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=SUM(A1)", false), "'=SUM(A1)");
        assert_eq!(field("-12.5", true), "-12.5");
        assert_eq!(line([field("a", false), field("1", true)]), "a,1\r\n");
    }

    #[test]
    fn push_field_writes_what_field_returns() {
        let mut out = String::from("x,");
        push_field(&mut out, "=a,\"b\"", false);
        assert_eq!(out, format!("x,{}", field("=a,\"b\"", false)));
        assert_eq!(field("=a,\"b\"", false), "\"'=a,\"\"b\"\"\"");
    }
}
