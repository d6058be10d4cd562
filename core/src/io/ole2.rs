//! A look inside legacy `.xls` files (OLE2 compound files) before calamine parses them.
//!
//! calamine 0.38 trusts sizes and positions stored in the file. Three of them can make it ask for
//! more memory than the machine has, and a failed allocation *aborts* the process (no panic, so
//! `catch_unwind` cannot help); property tests hit the third one with a few flipped bytes:
//!
//! 1. it follows sector chains of the compound file without noticing loops, growing a buffer up to
//!    the size a directory entry claims (or forever, for the directory itself);
//! 2. it reserves room for the cell range a DIMENSIONS record declares (in release builds a range
//!    whose end is before its start wraps around to four billion rows);
//! 3. it allocates a dense grid spanning a sheet's outermost cells, so one cell record with a
//!    damaged column number costs tens of gigabytes.
//!
//! [`check`] walks the same structures the same way, with loops detected and sizes bounded, and
//! refuses the file when calamine would run into one of these. A legitimate `.xls` never does: a
//! BIFF8 sheet has at most 65,536 rows and 256 columns.

use super::sheet::Failure;

type Checked<T> = Result<T, Failure>;

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const DIFSECT: u32 = 0xFFFF_FFFC;
/// Sector ids from here on end a DIFAT chain (calamine's bound).
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const HEADER_LEN: usize = 512;
const MINI_SECTOR_LEN: usize = 64;
/// Streams shorter than this live in the mini stream.
const MINI_STREAM_CUTOFF: usize = 4096;
const DIRECTORY_ENTRY_LEN: usize = 128;
/// The most cells a BIFF8 sheet can hold: 65,536 rows × 256 columns.
const MAX_GRID_CELLS: u64 = 65_536 * 256;

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;
const BOUNDSHEET: u16 = 0x0085;
const DIMENSIONS: u16 = 0x0200;
const MULRK: u16 = 0x00BD;
const FORMULA: u16 = 0x0006;

/// `Err(Failure::Unreadable)` when calamine must not be given these bytes.
///
/// Also says which BIFF generation calamine will take the workbook stream for, since text in a
/// BIFF8 stream must be read as UTF-16 whatever its CODEPAGE record claims (see `excel`).
pub(super) fn check(bytes: &[u8]) -> Checked<Biff> {
    let file = Compound::open(bytes)?;
    match file.workbook_stream()? {
        Some(stream) => check_biff(&stream),
        // An encrypted .xlsx, or some other compound file: calamine reads no BIFF from it.
        None => Ok(Biff::NoWorkbook),
    }
}

/// The generation of a workbook stream, classified the way calamine does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Biff {
    /// Excel 97 and later (also what calamine assumes for unknown versions).
    Biff8,
    /// Excel 95 and older: 8-bit text in the workbook's code page.
    Older,
    NoWorkbook,
}

impl Biff {
    /// From a BOF record's data: version, then the kind of substream.
    fn of_bof(data: &[u8]) -> Biff {
        let version = if data.len() >= 2 { u16_at(data, 0) } else { 0x0600 };
        let kind = if data.len() >= 4 { u16_at(data, 2) } else { 0 };
        match version {
            0x0002 | 0x0007 | 0x0200 | 0x0300 | 0x0400 | 0x0500 => Biff::Older,
            0 if kind == 0x1000 => Biff::Older,
            _ => Biff::Biff8,
        }
    }
}

/// The parts of a compound file calamine reads when it opens one.
struct Compound<'a> {
    bytes: &'a [u8],
    sector_len: usize,
    /// Highest sector id calamine accepts.
    max_id: usize,
    fat: Vec<u32>,
    directory: Vec<Entry>,
    mini_fat: Vec<u32>,
    mini_stream: Vec<u8>,
}

struct Entry {
    name: String,
    start: u32,
    len: u64,
}

impl<'a> Compound<'a> {
    fn open(bytes: &'a [u8]) -> Checked<Compound<'a>> {
        let header = bytes.get(..HEADER_LEN).ok_or(Failure::Unreadable)?;
        let sector_len = match u16_at(header, 30) {
            9 => 512,
            12 => 4096,
            _ => return Err(Failure::Unreadable),
        };
        if u16_at(header, 32) != 6 || bytes.len() < sector_len {
            return Err(Failure::Unreadable);
        }
        let version = u16_at(header, 26);
        let mut file = Compound {
            bytes,
            sector_len,
            max_id: bytes.len() / sector_len,
            fat: Vec::new(),
            directory: Vec::new(),
            mini_fat: Vec::new(),
            mini_stream: Vec::new(),
        };
        file.fat = file.load_fat(header)?;

        let directory = file.chain(u32_at(header, 48), u64::MAX)?;
        file.directory = directory.chunks_exact(DIRECTORY_ENTRY_LEN).map(|raw| Entry::parse(raw, sector_len)).collect();
        let root_start = file.directory.first().map(|root| root.start).ok_or(Failure::Unreadable)?;
        if version != 3 && root_start == ENDOFCHAIN {
            return Err(Failure::Unreadable);
        }

        let mini_fat_sectors = u64::from(u32_at(header, 64));
        if mini_fat_sectors > 0 {
            let root_len = file.directory[0].len;
            file.mini_stream = file.chain(root_start, root_len)?;
            let mini_fat = file.chain(u32_at(header, 60), mini_fat_sectors.saturating_mul(sector_len as u64))?;
            file.mini_fat = u32s(&mini_fat)?;
        }
        Ok(file)
    }

    /// The sector allocation table, from the header's DIFAT entries and the DIFAT chain.
    fn load_fat(&self, header: &[u8]) -> Checked<Vec<u32>> {
        let mut difat = u32s(&header[76..HEADER_LEN])?;
        let mut id = u32_at(header, 68);
        let mut difat_sectors = 0usize;
        while id < RESERVED_SECTORS {
            difat_sectors += 1;
            if difat_sectors > self.max_id + 1 {
                return Err(Failure::Unreadable);
            }
            difat.extend(u32s(self.sector(id)?)?);
            id = difat.pop().ok_or(Failure::Unreadable)?;
        }
        let fat_sectors: Vec<u32> = difat.into_iter().filter(|&id| id < DIFSECT).collect();
        // A real file has one FAT sector per sector at most; more means ids are repeated and
        // calamine would build a table bigger than the file.
        if fat_sectors.len() > self.max_id + 1 {
            return Err(Failure::Unreadable);
        }
        let mut fat = Vec::new();
        for id in fat_sectors {
            fat.extend(u32s(self.sector(id)?)?);
        }
        Ok(fat)
    }

    /// One sector, possibly cut short by the end of the file (calamine reads what is there).
    fn sector(&self, id: u32) -> Checked<&'a [u8]> {
        let id = id as usize;
        if id > self.max_id {
            return Err(Failure::Unreadable);
        }
        let start = self.sector_len + id * self.sector_len;
        if start >= self.bytes.len() {
            return Err(Failure::Unreadable);
        }
        Ok(&self.bytes[start..(start + self.sector_len).min(self.bytes.len())])
    }

    /// A chain of sectors as calamine reads it (stopping once `len` bytes are read), refusing loops.
    fn chain(&self, start: u32, len: u64) -> Checked<Vec<u8>> {
        let mut out = Vec::new();
        let mut seen = vec![false; self.fat.len()];
        let mut id = start;
        while id != ENDOFCHAIN {
            let sector = self.sector(id)?;
            let remaining = len.saturating_sub(out.len() as u64);
            let take = sector.len().min(usize::try_from(remaining).unwrap_or(usize::MAX));
            out.extend_from_slice(&sector[..take]);
            if out.len() as u64 >= len {
                break;
            }
            let index = id as usize;
            if index >= self.fat.len() || std::mem::replace(&mut seen[index], true) {
                return Err(Failure::Unreadable);
            }
            id = self.fat[index];
        }
        Ok(out)
    }

    /// A chain of 64-byte sectors inside the mini stream, read the same way.
    fn mini_chain(&self, start: u32, len: usize) -> Checked<Vec<u8>> {
        let mut out = Vec::new();
        let mut seen = vec![false; self.mini_fat.len()];
        let mut id = start;
        while id != ENDOFCHAIN {
            let begin = (id as usize).saturating_mul(MINI_SECTOR_LEN);
            if begin >= self.mini_stream.len() {
                return Err(Failure::Unreadable);
            }
            let sector = &self.mini_stream[begin..(begin + MINI_SECTOR_LEN).min(self.mini_stream.len())];
            out.extend_from_slice(&sector[..sector.len().min(len - out.len())]);
            if out.len() >= len {
                break;
            }
            let index = id as usize;
            if index >= self.mini_fat.len() || std::mem::replace(&mut seen[index], true) {
                return Err(Failure::Unreadable);
            }
            id = self.mini_fat[index];
        }
        Ok(out)
    }

    /// The BIFF stream calamine would parse: "Workbook" (BIFF8), else "Book" (BIFF5).
    fn workbook_stream(&self) -> Checked<Option<Vec<u8>>> {
        let mut found = false;
        for name in ["Workbook", "Book"] {
            let Some(entry) = self.directory.iter().find(|e| e.name.eq_ignore_ascii_case(name)) else {
                continue;
            };
            found = true;
            let stream = match usize::try_from(entry.len) {
                Ok(len) if len < MINI_STREAM_CUTOFF => self.mini_chain(entry.start, len),
                _ => self.chain(entry.start, entry.len),
            };
            if let Ok(stream) = stream {
                return Ok(Some(stream));
            }
        }
        // A stream that is there but that we cannot read safely is not handed on.
        if found {
            Err(Failure::Unreadable)
        } else {
            Ok(None)
        }
    }
}

impl Entry {
    fn parse(raw: &[u8], sector_len: usize) -> Entry {
        let units: Vec<u16> = raw[..64].chunks_exact(2).map(|b| u16::from_le_bytes([b[0], b[1]])).collect();
        let mut name = String::from_utf16_lossy(&units);
        if let Some(nul) = name.find('\0') {
            name.truncate(nul);
        }
        let len = if sector_len == 512 { u64::from(u32_at(raw, 120)) } else { u64_at(raw, 120) };
        Entry { name, start: u32_at(raw, 116), len }
    }
}

/// Walks the BIFF records the way calamine does and refuses what would make it allocate beyond a
/// BIFF8 sheet's size.
fn check_biff(stream: &[u8]) -> Checked<Biff> {
    let mut biff = Biff::Biff8;
    let mut sheets = Vec::new();
    for record in Records::new(stream) {
        let Ok((typ, data)) = record else {
            return Ok(biff); // calamine stops with an error here, before reading any sheet
        };
        match typ {
            BOF => biff = Biff::of_bof(data),
            BOUNDSHEET if data.len() >= 4 => sheets.push(u32_at(data, 0) as usize),
            EOF => break,
            _ => {}
        }
    }
    for start in sheets {
        let Some(sheet) = stream.get(start..) else {
            return Ok(biff); // calamine panics on this position (caught by the caller)
        };
        if !check_sheet(sheet)? {
            return Ok(biff);
        }
    }
    Ok(biff)
}

/// Checks one sheet's records; `Ok(false)` when calamine would stop with an error after it.
fn check_sheet(sheet: &[u8]) -> Checked<bool> {
    let mut area = Area::default();
    let mut seen_bof = false;
    let mut depth = 0usize;
    for record in Records::new(sheet) {
        let Ok((typ, data)) = record else {
            return Ok(false);
        };
        if depth > 0 {
            match typ {
                BOF => depth += 1,
                EOF => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            BOF if seen_bof => depth += 1,
            BOF => seen_bof = true,
            DIMENSIONS if reserved_cells(data) > MAX_GRID_CELLS => return Err(Failure::Unreadable),
            MULRK if data.len() >= 6 => {
                let (row, first) = (u16_at(data, 0), u16_at(data, 2));
                let count = (data.len() - 6).div_ceil(6) as u64;
                area.add(row.into(), first.into());
                area.add(row.into(), u64::from(first) + count.saturating_sub(1));
            }
            FORMULA | 0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD if data.len() >= 4 => {
                area.add(u16_at(data, 0).into(), u16_at(data, 2).into());
            }
            EOF => break,
            _ => {}
        }
    }
    if area.cells() > MAX_GRID_CELLS {
        return Err(Failure::Unreadable);
    }
    Ok(true)
}

/// What calamine reserves for a DIMENSIONS record (with the wrap-around of release builds).
fn reserved_cells(data: &[u8]) -> u64 {
    let (first_row, last_row, mut first_col, last_col) = match data.len() {
        10 => (u16_at(data, 0).into(), u16_at(data, 2).into(), u32::from(u16_at(data, 4)), u32::from(u16_at(data, 6))),
        14 | 16 => (u32_at(data, 0), u32_at(data, 4), u32::from(u16_at(data, 8)), u32::from(u16_at(data, 10))),
        _ => return 0, // calamine refuses the record
    };
    if first_col > 0xFF || last_col < first_col {
        first_col = 0;
    }
    let (end_row, end_col) = if last_row >= 1 && last_col >= 1 { (last_row - 1, last_col - 1) } else { (first_row, first_col) };
    let rows = end_row.wrapping_sub(first_row).wrapping_add(1) as u64;
    let cols = end_col.wrapping_sub(first_col).wrapping_add(1) as u64;
    rows.saturating_mul(cols)
}

/// Bounding box of a sheet's cells: calamine allocates all of it.
#[derive(Default)]
struct Area {
    bounds: Option<(u64, u64, u64, u64)>,
}

impl Area {
    fn add(&mut self, row: u64, col: u64) {
        self.bounds = Some(match self.bounds {
            None => (row, row, col, col),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
        });
    }

    fn cells(&self) -> u64 {
        self.bounds.map_or(0, |(r0, r1, c0, c1)| (r1 - r0 + 1).saturating_mul(c1 - c0 + 1))
    }
}

/// BIFF records as calamine's iterator splits them (CONTINUE records folded into the one before).
struct Records<'a> {
    rest: &'a [u8],
}

impl<'a> Records<'a> {
    fn new(stream: &'a [u8]) -> Records<'a> {
        Records { rest: stream }
    }
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<(u16, &'a [u8]), ()>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.len() < 4 {
            return if self.rest.is_empty() { None } else { Some(Err(())) };
        }
        let typ = u16_at(self.rest, 0);
        let len = usize::from(u16_at(self.rest, 2));
        if self.rest.len() < len + 4 {
            return Some(Err(()));
        }
        let (record, next) = self.rest.split_at(len + 4);
        self.rest = next;
        while self.rest.len() > 4 && u16_at(self.rest, 0) == CONTINUE {
            let len = usize::from(u16_at(self.rest, 2));
            if self.rest.len() < len + 4 {
                return Some(Err(()));
            }
            self.rest = &self.rest[len + 4..];
        }
        Some(Ok((typ, &record[4..])))
    }
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

fn u64_at(bytes: &[u8], at: usize) -> u64 {
    u64::from(u32_at(bytes, at)) | (u64::from(u32_at(bytes, at + 4)) << 32)
}

/// Little-endian u32s; calamine panics on a length that is not a multiple of 4.
fn u32s(bytes: &[u8]) -> Checked<Vec<u32>> {
    if !bytes.len().is_multiple_of(4) {
        return Err(Failure::Unreadable);
    }
    Ok(bytes.chunks_exact(4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut out = typ.to_le_bytes().to_vec();
        out.extend((data.len() as u16).to_le_bytes());
        out.extend(data);
        out
    }

    fn dimensions(first_row: u32, last_row: u32, first_col: u16, last_col: u16) -> Vec<u8> {
        let mut d = first_row.to_le_bytes().to_vec();
        d.extend(last_row.to_le_bytes());
        d.extend(first_col.to_le_bytes());
        d.extend(last_col.to_le_bytes());
        d.extend(0u16.to_le_bytes());
        d
    }

    fn cell(typ: u16, row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0u8; 10]);
        record(typ, &d)
    }

    /// Globals with one BOUNDSHEET pointing right after them, then the sheet's records.
    fn stream(sheet_records: &[Vec<u8>]) -> Vec<u8> {
        let globals_len = 4 + 8 + 4; // BOUNDSHEET (8 bytes of data), EOF
        let mut out = record(BOUNDSHEET, &[&(globals_len as u32).to_le_bytes()[..], &[0, 0, 0, 0]].concat());
        out.extend(record(EOF, &[]));
        assert_eq!(out.len(), globals_len);
        out.extend(record(BOF, &[0, 6, 0x10, 0]));
        for r in sheet_records {
            out.extend(r);
        }
        out.extend(record(EOF, &[]));
        out
    }

    #[test]
    fn the_generation_is_read_from_the_globals_bof() {
        let with_bof = |version: u16, kind: u16| {
            let mut data = version.to_le_bytes().to_vec();
            data.extend(kind.to_le_bytes());
            [record(BOF, &data), stream(&[])].concat()
        };
        // With a BOF put in front, the BOUNDSHEET of `stream` points 8 bytes short, at records
        // without cells: harmless for classifying.
        assert_eq!(check_biff(&with_bof(0x0600, 0x0005)), Ok(Biff::Biff8));
        assert_eq!(check_biff(&with_bof(0x0500, 0x0005)), Ok(Biff::Older));
        assert_eq!(check_biff(&with_bof(0x0000, 0x1000)), Ok(Biff::Older));
        assert_eq!(check_biff(&with_bof(0x0000, 0x0005)), Ok(Biff::Biff8));
        assert_eq!(check_biff(&with_bof(0x0700, 0x0005)), Ok(Biff::Biff8), "unknown: as calamine");
        assert_eq!(check_biff(&stream(&[])), Ok(Biff::Biff8), "no BOF: calamine's default");
    }

    #[test]
    fn dimensions_of_a_full_biff8_sheet_pass() {
        assert_eq!(reserved_cells(&dimensions(0, 65_536, 0, 256)), MAX_GRID_CELLS);
        assert_eq!(check_biff(&stream(&[record(DIMENSIONS, &dimensions(0, 65_536, 0, 256))])), Ok(Biff::Biff8));
    }

    #[test]
    fn dimensions_that_wrap_around_are_refused() {
        // End before start: calamine computes 4 - 10 + 1 in u32 and reserves four billion rows.
        assert!(reserved_cells(&dimensions(10, 5, 0, 3)) > MAX_GRID_CELLS);
        assert_eq!(check_biff(&stream(&[record(DIMENSIONS, &dimensions(10, 5, 0, 3))])), Err(Failure::Unreadable));
        assert_eq!(check_biff(&stream(&[record(DIMENSIONS, &dimensions(0, 4_000_000, 0, 200))])), Err(Failure::Unreadable));
    }

    #[test]
    fn a_cell_far_out_is_refused() {
        let near = stream(&[cell(0x0203, 0, 0), cell(0x0203, 65_535, 255)]);
        assert_eq!(check_biff(&near), Ok(Biff::Biff8));
        let far = stream(&[cell(0x0203, 0, 0), cell(0x00FD, 40_000, 60_000)]);
        assert_eq!(check_biff(&far), Err(Failure::Unreadable));
    }

    #[test]
    fn cells_in_an_embedded_chart_do_not_count() {
        let chart = [record(BOF, &[0, 6, 0x20, 0]), cell(0x0203, 60_000, 60_000), record(EOF, &[])];
        let mut records = vec![cell(0x0203, 0, 0)];
        records.extend(chart);
        assert_eq!(check_biff(&stream(&records)), Ok(Biff::Biff8));
    }

    #[test]
    fn continue_records_are_folded_like_calamine_does() {
        let records: Vec<(u16, usize)> = Records::new(&[record(1, &[1, 2]), record(CONTINUE, &[3]), record(2, &[])].concat())
            .map(|r| r.map(|(typ, data)| (typ, data.len())).expect("record"))
            .collect();
        assert_eq!(records, vec![(1, 2), (2, 0)]);
        assert!(Records::new(&[9, 0, 5, 0, 1]).next().expect("one").is_err(), "record longer than the stream");
    }

    #[test]
    fn short_or_odd_containers_are_refused() {
        assert_eq!(Compound::open(&[0u8; 100]).err(), Some(Failure::Unreadable));
        let mut header = vec![0u8; 1024];
        header[30] = 7; // sector shift neither 9 nor 12
        header[32] = 6;
        assert_eq!(Compound::open(&header).err(), Some(Failure::Unreadable));
    }
}
