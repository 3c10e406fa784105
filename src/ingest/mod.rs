//! Stage 1: bytes → text.
//!
//! Reads a file, picks a reader by extension and magic bytes, decodes the text,
//! normalises line breaks and finds the page chrome (breadcrumbs, share lines,
//! footers) that must never count as evidence. Chrome is *masked*, not removed, so
//! every span stays valid against the text the tool reports and line numbers keep
//! matching the file. Invisible format characters (zero-width space, soft hyphen)
//! become spaces of the same length ([`decode::neutralize_format_chars`]), and a
//! text with (almost) no Han characters is refused ([`IngestError::NotChinese`]).

pub mod chrome;
pub mod decode;
pub mod docx;
mod docx_numbering;
pub mod html;
pub mod pdf;
mod relines;
pub mod script;

use std::path::Path;

pub use chrome::ChromeMatcher;

/// Default cap on the size of one input file.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// What kind of file a report came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Docx,
    Pdf,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

/// A heading that the file format itself marks (e.g. a Word "Heading 2" style),
/// as a byte range of the extracted text and a section level (1 = top).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingHint {
    pub start: usize,
    pub end: usize,
    pub level: u8,
}

/// The text of one report, ready for the document stage.
#[derive(Debug, Clone)]
pub struct Source {
    /// Decoded text with `\n` line breaks only.
    pub text: String,
    /// The encoding the bytes were in (`utf-8`, `gbk`, `utf-16le`, ...).
    pub encoding: String,
    pub format: Format,
    /// Headings marked by the format (docx styles); empty for plain text.
    pub headings: Vec<HeadingHint>,
    /// The text was in traditional characters and is read in simplified ones
    /// (`script`), at the same offsets.
    pub simplified: bool,
    /// The text was flattened to very long lines and is read broken at its
    /// whitespace (`relines`), at the same offsets.
    pub relined: bool,
}

/// Why a file could not be read. `kind()` is the stable machine name used in the
/// JSON output (`error.kind`).
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("无法读取文件：{0}")]
    Io(#[from] std::io::Error),
    #[error("文件过大：{size} 字节，超过上限 {limit} 字节（可用 --max-file-size 调整）")]
    TooLarge { size: u64, limit: u64 },
    #[error("文件为空，没有可审核的文字")]
    Empty,
    #[error("无法识别文件编码：{0}")]
    Decode(String),
    #[error("不是文本文件（{0}），无法作为报告审核")]
    Binary(String),
    /// Decoded (or extracted) without error, but (almost) without Chinese: text
    /// in another language, or bytes decoded in a wrong single-byte encoding.
    #[error("不是中文文本，或文件编码无法识别：{0}，无法作为报告审核")]
    NotChinese(String),
    #[error("不支持的文件格式：{0}")]
    Unsupported(String),
    #[error("文件格式有误：{0}")]
    Format(String),
}

impl IngestError {
    pub fn kind(&self) -> &'static str {
        match self {
            IngestError::Io(_) => "io",
            IngestError::TooLarge { .. } => "too-large",
            IngestError::Empty => "empty",
            IngestError::Decode(_) => "decode",
            IngestError::Binary(_) => "binary",
            IngestError::NotChinese(_) => "decode",
            IngestError::Unsupported(_) => "unsupported",
            IngestError::Format(_) => "format",
        }
    }
}

/// Limits applied while reading.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_file_size: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// Read one report from disk.
pub fn read_path(path: &Path, limits: &Limits) -> Result<Source, IngestError> {
    let size = std::fs::metadata(path)?.len();
    if size > limits.max_file_size {
        return Err(IngestError::TooLarge {
            size,
            limit: limits.max_file_size,
        });
    }
    let bytes = std::fs::read(path)?;
    read_bytes(&bytes, extension(path).as_deref(), limits)
}

/// Read one report from bytes; `ext` is the lower-case file extension if known.
pub fn read_bytes(bytes: &[u8], ext: Option<&str>, limits: &Limits) -> Result<Source, IngestError> {
    if bytes.len() as u64 > limits.max_file_size {
        return Err(IngestError::TooLarge {
            size: bytes.len() as u64,
            limit: limits.max_file_size,
        });
    }
    let format = detect_format(bytes, ext)?;
    let mut source = match format {
        Format::Text | Format::Markdown => {
            let decoded = decode::decode_text(bytes)?;
            Source {
                text: decoded.text,
                encoding: decoded.encoding,
                format,
                headings: Vec::new(),
                simplified: false,
                relined: false,
            }
        }
        Format::Html => html::read(bytes)?,
        Format::Docx => docx::read(bytes, limits)?,
        Format::Pdf => pdf::read(bytes, limits)?,
    };
    if source.headings.is_empty() {
        source.text = decode::normalize_newlines(source.text);
    }
    source.text = decode::neutralize_format_chars(std::mem::take(&mut source.text));
    let (text, ends) = decode::fold_fullwidth_digits(std::mem::take(&mut source.text));
    source.text = text;
    for h in &mut source.headings {
        h.start = decode::offset_after_fold(h.start, &ends);
        h.end = decode::offset_after_fold(h.end, &ends);
    }
    if source.text.trim().is_empty() {
        return Err(IngestError::Empty);
    }
    if let Some(lined) = relines::relined(&source.text) {
        source.text = lined;
        source.relined = true;
    }
    if let Some(simplified) = script::to_simplified(&source.text) {
        source.text = simplified;
        source.simplified = true;
    }
    if let Some((han, other)) = decode::not_chinese(&source.text) {
        let counts = format!("汉字 {han} 个，其他文字的字母 {other} 个");
        return Err(IngestError::NotChinese(match source.format {
            Format::Text | Format::Markdown | Format::Html => {
                format!("按 {} 解码后几乎没有汉字（{counts}）", source.encoding)
            }
            Format::Docx | Format::Pdf => format!("文件中的文字几乎没有汉字（{counts}）"),
        }));
    }
    Ok(source)
}

/// Lower-case extension of a path, if any.
pub fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase())
}

/// The extensions that a directory walk picks up as reports.
pub const REPORT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "shtml", "xhtml", "docx", "pdf",
];

/// Extensions that are reports in a format fazhi cannot read; a directory walk
/// still lists them so that nothing is silently skipped.
pub const UNSUPPORTED_EXTENSIONS: &[&str] = &[
    "doc", "wps", "wpt", "rtf", "odt", "ofd", "xls", "xlsx", "et", "ppt", "pptx", "jpg", "jpeg",
    "png", "gif", "bmp", "tif", "tiff", "webp",
];

fn detect_format(bytes: &[u8], ext: Option<&str>) -> Result<Format, IngestError> {
    const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(b"%PDF-") {
        return Ok(Format::Pdf);
    }
    if bytes.starts_with(OLE_MAGIC) {
        return Err(IngestError::Unsupported(
            "旧版 Word/WPS 二进制文档（.doc/.wps），请另存为 .docx 后再审核".into(),
        ));
    }
    if let Some(kind) = image_kind(bytes) {
        return Err(IngestError::Unsupported(format!(
            "{kind} 图片，需先做文字识别（OCR）并保存为文本或 .docx"
        )));
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return match ext {
            Some("docx") | None => Ok(Format::Docx),
            Some(other) => Err(IngestError::Unsupported(format!(
                ".{other} 压缩文档；目前支持 .docx、.pdf、.html 和纯文本"
            ))),
        };
    }
    match ext {
        Some("pdf") => Err(IngestError::Format("扩展名为 .pdf，但文件不是 PDF".into())),
        Some("docx") => Err(IngestError::Format(
            "扩展名为 .docx，但文件不是 zip 格式的 Word 文档".into(),
        )),
        Some("doc" | "wps" | "wpt") => Err(IngestError::Unsupported(
            "旧版 Word/WPS 文档，请另存为 .docx 后再审核".into(),
        )),
        Some("html" | "htm" | "shtml" | "xhtml") => Ok(Format::Html),
        Some("md" | "markdown") => Ok(Format::Markdown),
        Some(e) if UNSUPPORTED_EXTENSIONS.contains(&e) => Err(IngestError::Unsupported(format!(
            ".{e} 文件；请保存为 .docx、.pdf、.html 或纯文本"
        ))),
        _ if looks_like_html(bytes) => Ok(Format::Html),
        _ => Ok(Format::Text),
    }
}

fn image_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG") {
        Some("PNG")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("JPEG")
    } else if bytes.starts_with(b"GIF8") {
        Some("GIF")
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        Some("TIFF")
    } else {
        None
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<head")
}
