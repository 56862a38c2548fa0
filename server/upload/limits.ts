/**
 * How much an uploaded spreadsheet (a roster, a unit set, an appraised self-assessment) may hold.
 * Every number is a ceiling far above what an office sends and far below what hurts the server:
 * the bench's 50,000-row roster (bench/roster.ts) is 6.1 MB as .csv, 1.9 MB as .xlsx expanding
 * to 20.8 MB of XML, 8 columns, 400,000 cells; a unit set is ~10 columns and hundreds of rows.
 */
export interface UploadLimits {
  /** Bytes of the file as uploaded. */
  maxBytes: number;
  /** Rows read (blank ones included for .csv, as Excel shows them), title lines included. */
  maxRows: number;
  /** Columns of any one row that hold text (blank ones past it are dropped). */
  maxColumns: number;
  /** Characters of any one cell. */
  maxFieldChars: number;
  /** Cells of the whole sheet (filled or not, up to each row's last column). */
  maxCells: number;
  /** .xlsx: bytes of all the zip's entries once expanded (declared, then as actually inflated). */
  maxExpandedBytes: number;
  /** .xlsx: files inside the zip. */
  maxZipEntries: number;
  /** .xlsx: expanded ÷ compressed size of one large entry (see ZIP_RATIO_FROM_BYTES). */
  maxCompressionRatio: number;
  /** Milliseconds the reading worker may take before it is stopped. */
  timeMs: number;
  /** The reading worker's V8 old-generation heap, MB (resourceLimits.maxOldGenerationSizeMb). */
  heapMb: number;
}

/** Rosters are hundreds of rows; this leaves room for a province and stops a runaway file. */
export const MAX_ROWS = 100_000;
/** Title lines ("UBND HUYỆN HỚN QUẢN", "DANH SÁCH …") may sit above the header row. */
export const HEADER_SEARCH_ROWS = 20;

export const UPLOAD_LIMITS: Readonly<UploadLimits> = {
  // 100,000 rows of a roster as .csv are ~12 MB; twice that for wide or UTF-16 files.
  maxBytes: 25 * 1024 * 1024,
  maxRows: MAX_ROWS + HEADER_SEARCH_ROWS,
  // A roster has ~10 columns, a self-assessment one per field (~10) plus a few: 200 is 10× that
  // and refuses the million-column line of issue #9 at its 201st field.
  maxColumns: 200,
  // The longest real cell is a unit's full name or a note (a few hundred characters); Excel
  // itself stops at 32,767.
  maxFieldChars: 5_000,
  // MAX_ROWS rows of 20 columns: the roster's limit at twice its usual width.
  maxCells: 2_000_000,
  // ~10× the 50,000-row roster's 20.8 MB, ~5× a 100,000-row roster saved by Excel with its
  // styles; the zip bomb of issue #9 expanded to 2 GB.
  maxExpandedBytes: 200 * 1024 * 1024,
  // A workbook has ~15 entries, a few hundred with many sheets and pictures.
  maxZipEntries: 1_000,
  // Spreadsheet XML deflates 10–20× (the bench roster: 10.3×), a bomb's repeated row ~1000×.
  maxCompressionRatio: 200,
  // The 100,000-row .xlsx reads in ~6 s on a busy 2-core machine; 5× that, then the worker stops.
  timeMs: 30_000,
  // The 50,000-row .xlsx peaks at ~150 MB of heap in the worker; 100,000 rows fit in 512 MB,
  // and a hostile file dies there instead of taking the server's memory.
  heapMb: 512,
};

/**
 * Excel's own last column (XFD). A .csv line may have this many fields, empty ones included
 * (Excel pads every line to the sheet's used width), but text only in the first maxColumns.
 */
export const EXCEL_MAX_COLUMNS = 16_384;

/** Entries smaller than this are not checked for their compression ratio: they cannot hurt. */
export const ZIP_RATIO_FROM_BYTES = 10 * 1024 * 1024;

/** Readings in progress at once (each a worker of up to heapMb); the next ones wait their turn. */
export const MAX_PARALLEL_READS = 2;
/** Uploads waiting for a reader; beyond this the server answers 503 `upload_busy`. */
export const MAX_WAITING_READS = 8;

/** 1234567 → "1.234.567", as an officer reads numbers. */
export const vi = (n: number) => n.toLocaleString('vi-VN');

/** 26214400 → "25 MB". */
export const megabytes = (bytes: number) => `${vi(Math.round(bytes / 1024 / 1024))} MB`;
