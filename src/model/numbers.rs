//! How numbers are written on the site.

/// A percentage or figure without trailing zeros: `100`, `99.22`, `0.5`.
pub fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        let s = format!("{x:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::fmt_num;

    #[test]
    fn trims() {
        assert_eq!(fmt_num(100.0), "100");
        assert_eq!(fmt_num(99.22), "99.22");
        assert_eq!(fmt_num(99.90), "99.9");
        assert_eq!(fmt_num(0.21), "0.21");
    }
}
