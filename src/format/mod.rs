//! File formats: the `.journey.json` document and backups, share links,
//! Mermaid `journey` diagrams, and SVG and PNG pictures that carry the map.

pub mod detect;
pub mod json;
pub mod mermaid;
pub mod png;
pub mod share;
pub mod svg;
pub mod validate;

pub use detect::{file_text, read_any, Incoming};

/// The title a map that has none takes from the file it came in: the
/// file's name without its extension, underscores as spaces
/// ("checkout_flow.mmd" → "checkout flow"). `None` for a name with nothing
/// left, or the name an untitled map is downloaded under ([`file_name`]'s
/// "Untitled journey", or "journey" from earlier versions): such a map
/// stays untitled.
pub fn title_from_file_name(name: &str) -> Option<String> {
    const EXTENSIONS: [&str; 10] = [
        ".journey.json",
        ".journey.svg",
        ".journey.png",
        ".json",
        ".mmd",
        ".mermaid",
        ".md",
        ".txt",
        ".svg",
        ".png",
    ];
    let lower = name.to_ascii_lowercase();
    let stem = EXTENSIONS
        .iter()
        .find(|e| lower.ends_with(*e))
        .map_or(name, |e| &name[..name.len() - e.len()]);
    let title = stem.replace('_', " ").trim().to_string();
    let untitled = title.is_empty()
        || title.eq_ignore_ascii_case(crate::model::UNTITLED)
        || title.eq_ignore_ascii_case("journey");
    (!untitled).then_some(title)
}

/// The name of a downloaded file: `title` with what file systems refuse
/// (`/ \ : * ? " < > |` and control characters) made `_`, without leading
/// or trailing spaces and dots, cut to fit their 255-byte limit, then `ext`.
/// Letters, digits, emoji and punctuation such as `( ) , & '` are kept.
pub fn file_name(title: &str, ext: &str) -> String {
    const MAX_BYTES: usize = 255;
    let base: String = title
        .chars()
        .map(|c| {
            if c.is_control() || r#"/\:*?"<>|"#.contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trim = |s: &str| {
        s.trim_matches(|c: char| c.is_whitespace() || c == '.')
            .to_string()
    };
    let mut base = trim(&base);
    let room = MAX_BYTES.saturating_sub(ext.len());
    if base.len() > room {
        let cut = (0..=room)
            .rev()
            .find(|&i| base.is_char_boundary(i))
            .unwrap_or(0);
        base = trim(&base[..cut]);
    }
    let base = if base.is_empty() {
        crate::model::UNTITLED
    } else {
        &base
    };
    format!("{base}{ext}")
}

#[cfg(test)]
mod tests {
    use super::{file_name, title_from_file_name};

    #[test]
    fn a_map_without_a_title_takes_its_file_s_name() {
        let t = |n: &str| title_from_file_name(n);
        assert_eq!(t("checkout_flow.mmd").as_deref(), Some("checkout flow"));
        assert_eq!(t("Onboarding.journey.json").as_deref(), Some("Onboarding"));
        assert_eq!(t("Q3 research.JSON").as_deref(), Some("Q3 research"));
        assert_eq!(t("客户旅程.mermaid").as_deref(), Some("客户旅程"));
        assert_eq!(t("notes.v2").as_deref(), Some("notes.v2"));
        assert_eq!(t(".mmd"), None);
        assert_eq!(t(" _ .txt"), None);
        // What an untitled map is downloaded as comes back untitled.
        assert_eq!(t("Untitled journey.journey.json"), None);
        assert_eq!(t("untitled_journey.mmd"), None);
        assert_eq!(t("journey.journey.png"), None);
        assert_eq!(t(&file_name("", ".journey.svg")), None);
    }

    #[test]
    fn a_file_name_keeps_the_title_and_replaces_only_what_file_systems_refuse() {
        assert_eq!(
            file_name("E-commerce purchase (future state)", ".mmd"),
            "E-commerce purchase (future state).mmd"
        );
        assert_eq!(
            file_name("Edge 👩🏽‍💻 café, Q&A's", ".svg"),
            "Edge 👩🏽‍💻 café, Q&A's.svg"
        );
        assert_eq!(
            file_name("客户旅程图", ".journey.json"),
            "客户旅程图.journey.json"
        );
        assert_eq!(
            file_name("a/b\\c:d*e?f\"g<h>i|j\nk", ".png"),
            "a_b_c_d_e_f_g_h_i_j_k.png"
        );
        assert_eq!(file_name("  ..hidden. ", ".mmd"), "hidden.mmd");
        assert_eq!(file_name(" . ", ".mmd"), "Untitled journey.mmd");
        assert_eq!(
            file_name("", ".journey.json"),
            "Untitled journey.journey.json"
        );
    }

    #[test]
    fn a_long_title_is_cut_to_a_file_name_every_file_system_takes() {
        let name = file_name(&"é".repeat(300), ".journey.json");
        assert!(name.len() <= 255, "{} bytes", name.len());
        assert!(name.ends_with("é.journey.json"), "{name}");
    }
}
