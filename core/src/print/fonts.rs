//! The fonts of the printouts: a primary CJK font and a fallback for rare characters (CJK Ext B),
//! loaded once per font directory, and the choice of font per character.
//!
//! The directory is `CAREDESK_FONT_DIR` when set, else `<exe dir>/fonts` (the installed app), else
//! the repository's `.fonts/` (filled by `scripts/fonts.sh`, for development and tests).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use printpdf::ParsedFont;

use super::font_missing;
use crate::error::Result;

/// The files a font directory must hold, in order of preference.
pub const FONT_FILES: [&str; 2] = [PRIMARY_FILE, FALLBACK_FILE];
/// Noto Sans SC Regular (OFL-1.1), from npm `@expo-google-fonts/noto-sans-sc`.
pub const PRIMARY_FILE: &str = "NotoSansSC-Regular.ttf";
/// LXGW WenKai Regular (OFL-1.1), from Debian `fonts-lxgw-wenkai`; covers CJK Ext B.
pub const FALLBACK_FILE: &str = "LXGWWenKai-Regular.ttf";
/// Printed in place of a character that no font has (the traditional "geta" mark of Chinese
/// typesetting), so the gap is visible on paper as well as reported.
pub const MISSING_MARK: char = '〓';
/// The advance of a space, in em (see [`FontSet::advance_em`]).
pub const SPACE_EM: f32 = 0.5;

/// One loaded font face.
pub struct Face {
    pub file: &'static str,
    pub parsed: ParsedFont,
    units_per_em: f32,
    /// Ascender in em (for placing baselines).
    pub ascent: f32,
}

/// The faces of one font directory; index 0 is the primary font.
pub struct FontSet {
    faces: Vec<Face>,
    dir: PathBuf,
    /// Per character: the glyph that draws it and its advance in em (cmap and hmtx lookups are
    /// slow enough to show on a 5,000-row list). Characters of the Basic Multilingual Plane, read
    /// several times for every character printed, are kept without a lock (see [`Packed`]).
    bmp: Box<[AtomicU64]>,
    cache: RwLock<HashMap<char, Option<(Glyph, f32)>>>,
}

/// A cache entry of [`FontSet::bmp`] in one word: 0 = not looked up yet, else bit 63 set, bit 62
/// set when some face has the character, the face in bits 48–55, the glyph in bits 32–47 and the
/// advance (f32) in bits 0–31.
struct Packed;

impl Packed {
    const KNOWN: u64 = 1 << 63;
    const FOUND: u64 = 1 << 62;

    fn pack(found: Option<(Glyph, f32)>) -> u64 {
        match found {
            Some((g, advance)) => Self::KNOWN | Self::FOUND | (g.face as u64) << 48 | u64::from(g.gid) << 32 | u64::from(advance.to_bits()),
            None => Self::KNOWN,
        }
    }

    fn unpack(word: u64) -> Option<(Glyph, f32)> {
        if word & Self::FOUND == 0 {
            return None;
        }
        let glyph = Glyph { face: ((word >> 48) & 0xff) as usize, gid: (word >> 32) as u16 };
        Some((glyph, f32::from_bits(word as u32)))
    }
}

/// Which face draws a character, and with which glyph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyph {
    pub face: usize,
    pub gid: u16,
}

impl FontSet {
    /// Loads the fonts of `dir` (not cached; see [`shared`]).
    pub fn load_from(dir: &Path) -> Result<FontSet> {
        let mut faces = Vec::with_capacity(FONT_FILES.len());
        for file in FONT_FILES {
            let path = dir.join(file);
            let bytes = std::fs::read(&path).map_err(|_| {
                font_missing(format!(
                    "找不到打印所需的字体文件 {}。请运行 scripts/fonts.sh 安装字体，或设置环境变量 CAREDESK_FONT_DIR 指向字体目录",
                    path.display()
                ))
            })?;
            let mut warnings = Vec::new();
            let parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
                .ok_or_else(|| font_missing(format!("字体文件 {} 已损坏或格式不受支持，请重新运行 scripts/fonts.sh", path.display())))?;
            let metrics = parsed.font_metrics;
            let units_per_em = f32::from(metrics.units_per_em.max(1));
            faces.push(Face { file, ascent: metrics.ascent / units_per_em, units_per_em, parsed });
        }
        let bmp = (0..=0xffff).map(|_| AtomicU64::new(0)).collect();
        Ok(FontSet { faces, dir: dir.to_path_buf(), bmp, cache: RwLock::new(HashMap::new()) })
    }

    pub fn faces(&self) -> &[Face] {
        &self.faces
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The first face that has a glyph for `c`, or `None` when no font can print it.
    pub fn glyph_for(&self, c: char) -> Option<Glyph> {
        self.lookup(c).map(|(g, _)| g)
    }

    fn lookup(&self, c: char) -> Option<(Glyph, f32)> {
        // Two threads may look the same character up at once: both store the same word.
        if let Some(slot) = self.bmp.get(c as usize) {
            let word = slot.load(Ordering::Relaxed);
            if word != 0 {
                return Packed::unpack(word);
            }
            let found = self.find(c);
            slot.store(Packed::pack(found), Ordering::Relaxed);
            return found;
        }
        if let Some(hit) = self.cache.read().unwrap_or_else(|e| e.into_inner()).get(&c) {
            return *hit;
        }
        let found = self.find(c);
        self.cache.write().unwrap_or_else(|e| e.into_inner()).insert(c, found);
        found
    }

    /// The first face that has `c`, its glyph and advance, from the fonts' tables.
    fn find(&self, c: char) -> Option<(Glyph, f32)> {
        self.faces.iter().enumerate().find_map(|(face, f)| {
            let gid = f.parsed.lookup_glyph_index(c as u32).filter(|&gid| gid != 0)?;
            let advance = f32::from(f.parsed.get_horizontal_advance(gid)) / f.units_per_em;
            Some((Glyph { face, gid }, advance))
        })
    }

    /// Whether some font can print `c`.
    pub fn can_print(&self, c: char) -> bool {
        c.is_control() || self.glyph_for(c).is_some()
    }

    /// The glyph that draws `c` and its advance in em (as [`FontSet::advance_em`]), or `None`
    /// when no font can print it: one lookup for the two.
    pub fn place(&self, c: char) -> Option<(Glyph, f32)> {
        let (glyph, advance) = self.lookup(c)?;
        Some((glyph, if c == ' ' { SPACE_EM } else { advance }))
    }

    /// The advance of `c` in em; a character no font has is measured as [`MISSING_MARK`].
    ///
    /// A space is half an em (the gap Chinese typesetting puts between Han characters and Latin
    /// or digits), wider than the font's own: with the font's 0.22 em, `pdftotext -layout` drops
    /// the space between Han characters and digits ("第1页"), and the printed text should read
    /// back as it was written ("第 1 页").
    pub fn advance_em(&self, c: char) -> f32 {
        if c == ' ' {
            return SPACE_EM;
        }
        match self.lookup(c).or_else(|| self.lookup(MISSING_MARK)) {
            Some((_, advance)) => advance,
            None => 1.0,
        }
    }

    /// The characters of `text` that no font has, each once, in order.
    pub fn missing_chars(&self, text: &str) -> Vec<char> {
        let mut out: Vec<char> = Vec::new();
        for c in text.chars() {
            if !self.can_print(c) && !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// `Some("姓名“王𪚥”中的“𪚥”无法打印")` when `text` has characters no font has; `label` says what
    /// the text is (a column title, "标题", …).
    pub fn unprintable_note(&self, label: &str, text: &str) -> Option<String> {
        let missing = self.missing_chars(text);
        if missing.is_empty() {
            return None;
        }
        let chars: Vec<String> = missing.iter().map(|c| format!("“{c}”")).collect();
        Some(format!("{label}“{text}”中的{}无法打印", chars.join("、")))
    }
}

static BUNDLED_DIR: OnceLock<PathBuf> = OnceLock::new();

/// The installed app's fonts folder (the installer's resource folder, e.g. /usr/lib/CareDesk/fonts
/// on Debian); the window sets it at start-up.
pub fn use_bundled_dir(dir: PathBuf) {
    let _ = BUNDLED_DIR.set(dir);
}

/// Where the fonts are looked for, in order.
pub fn font_dir_candidates() -> Vec<PathBuf> {
    if let Some(dir) = std::env::var_os("CAREDESK_FONT_DIR").filter(|d| !d.is_empty()) {
        return vec![PathBuf::from(dir)];
    }
    let mut out: Vec<PathBuf> = BUNDLED_DIR.get().cloned().into_iter().collect();
    if let Some(exe_dir) = std::env::current_exe().ok().and_then(|e| e.parent().map(Path::to_path_buf)) {
        out.push(exe_dir.join("fonts"));
    }
    out.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(".fonts"));
    out
}

/// The font directory in use: the first candidate that holds the primary font.
pub fn font_dir() -> Result<PathBuf> {
    let candidates = font_dir_candidates();
    if let Some(dir) = candidates.iter().find(|d| d.join(PRIMARY_FILE).is_file()) {
        return Ok(dir.clone());
    }
    let looked: Vec<String> = candidates.iter().map(|d| d.display().to_string()).collect();
    Err(font_missing(format!(
        "找不到打印所需的字体 {PRIMARY_FILE}（已查找：{}）。请运行 scripts/fonts.sh 安装字体，或设置环境变量 CAREDESK_FONT_DIR 指向字体目录",
        looked.join("；")
    )))
}

/// The fonts of [`font_dir`], loaded once per process and directory.
pub fn shared() -> Result<Arc<FontSet>> {
    static CACHE: OnceLock<Mutex<HashMap<PathBuf, Arc<FontSet>>>> = OnceLock::new();
    let dir = font_dir()?;
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some(set) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&dir) {
        return Ok(set.clone());
    }
    // Loaded outside the lock: two first callers may both parse, and one result is kept.
    let set = Arc::new(FontSet::load_from(&dir)?);
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    Ok(map.entry(dir).or_insert(set).clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_font_is_a_chinese_error_not_a_panic() {
        let dir = tempfile::tempdir().expect("temp dir");
        let e = FontSet::load_from(dir.path()).err().expect("no fonts there");
        assert_eq!(e.code(), "font_missing");
        assert!(e.to_string().contains("找不到打印所需的字体文件"), "{e}");
        assert!(e.to_string().contains(PRIMARY_FILE), "{e}");
    }

    #[test]
    fn a_damaged_font_is_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        for f in FONT_FILES {
            std::fs::write(dir.path().join(f), b"not a font").expect("write");
        }
        let e = FontSet::load_from(dir.path()).err().expect("damaged");
        assert_eq!(e.code(), "font_missing");
        assert!(e.to_string().contains("已损坏"), "{e}");
    }

    #[test]
    fn the_fonts_cover_common_ext_a_and_ext_b_characters() {
        let fonts = shared().expect("fonts (run scripts/fonts.sh)");
        for c in ['王', '秀', '英', '，', '（', 'A', '7', MISSING_MARK] {
            assert_eq!(fonts.glyph_for(c).map(|g| g.face), Some(0), "{c} from the primary font");
        }
        // Ext A: the primary font has it.
        assert_eq!(fonts.glyph_for('䶮').map(|g| g.face), Some(0));
        // Ext B: only the fallback has these.
        for c in ['𠇔', '𠮷'] {
            assert_eq!(fonts.faces()[0].parsed.lookup_glyph_index(c as u32).filter(|&g| g != 0), None);
            assert_eq!(fonts.glyph_for(c).map(|g| g.face), Some(1), "{c} from the fallback");
        }
        // Ext C and G: this Noto Sans SC (GB 18030-2022) has some of them.
        assert!(fonts.glyph_for('𫟼').is_some());
        // Ext B (zhé, four dragons): no font has it.
        assert_eq!(fonts.glyph_for('𪚥'), None);
        assert_eq!(fonts.unprintable_note("姓名", "王𪚥𪚥").as_deref(), Some("姓名“王𪚥𪚥”中的“𪚥”无法打印"));
        assert_eq!(fonts.unprintable_note("姓名", "王䶮"), None);
    }

    #[test]
    fn advances_are_plausible() {
        let fonts = shared().expect("fonts");
        assert!((fonts.advance_em('王') - 1.0).abs() < 0.01);
        assert!((fonts.advance_em('，') - 1.0).abs() < 0.01);
        let a = fonts.advance_em('a');
        assert!(a > 0.3 && a < 0.7, "{a}");
        assert!(fonts.advance_em('𠇔') > 0.8);
    }
}
