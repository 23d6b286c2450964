//! The officials' one-click workbook (`program.xlsx`): initiatives, partners and what the program
//! achieved, one sheet each, with Indonesian headings, labels instead of slugs and dates Excel
//! reads as dates — what a hub manager pastes into the city's report without retyping.

use chrono::{DateTime, Utc};
use pentahelix_core::api::{Achievement, Initiative, Stakeholder};
use pentahelix_core::taxonomy::Taxonomy;
use pentahelix_core::{Helix, Lang, RegionCode, Regions};
use rust_xlsxwriter::{Format, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::error::Error;

/// What goes into the workbook.
pub struct Program<'a> {
    pub regions: &'a Regions,
    pub initiatives: &'a [Initiative],
    pub stakeholders: &'a [Stakeholder],
    /// Each area's figures, the area first (a city, or a kecamatan a manager works in).
    pub achievements: &'a [(RegionCode, Vec<Achievement>)],
}

const LANG: Lang = Lang::Id;

fn failed(e: XlsxError) -> Error {
    Error::Internal(format!("xlsx: {e}"))
}

fn labels<T: Taxonomy>(items: impl Iterator<Item = T>) -> String {
    items.map(|t| t.label(LANG)).collect::<Vec<_>>().join(", ")
}

struct Sheet<'a> {
    sheet: &'a mut Worksheet,
    date: Format,
    row: u32,
}

impl Sheet<'_> {
    fn headings(&mut self, headings: &[&str]) -> Result<(), Error> {
        let bold = Format::new()
            .set_bold()
            .set_text_wrap()
            .set_border_bottom(FormatBorder::Thin);
        for (col, heading) in headings.iter().enumerate() {
            self.sheet
                .write_string_with_format(0, col as u16, *heading, &bold)
                .map_err(failed)?;
        }
        // The headings stay in sight while scrolling down.
        self.sheet.set_freeze_panes(1, 0).map_err(failed)?;
        self.row = 1;
        Ok(())
    }

    fn text(&mut self, col: u16, text: &str) -> Result<(), Error> {
        if !text.is_empty() {
            self.sheet
                .write_string(self.row, col, text)
                .map_err(failed)?;
        }
        Ok(())
    }

    fn number(&mut self, col: u16, number: f64) -> Result<(), Error> {
        self.sheet
            .write_number(self.row, col, number)
            .map_err(failed)?;
        Ok(())
    }

    fn date(&mut self, col: u16, at: Option<chrono::NaiveDate>) -> Result<(), Error> {
        if let Some(at) = at {
            self.sheet
                .write_date_with_format(self.row, col, at, &self.date)
                .map_err(failed)?;
        }
        Ok(())
    }

    fn time(&mut self, col: u16, at: DateTime<Utc>) -> Result<(), Error> {
        self.date(col, Some(at.date_naive()))
    }

    fn next(&mut self) {
        self.row += 1;
    }

    fn finish(self) {
        self.sheet.autofit();
    }
}

fn sheet<'a>(workbook: &'a mut Workbook, name: &str) -> Result<Sheet<'a>, Error> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(name).map_err(failed)?;
    Ok(Sheet {
        sheet,
        date: Format::new().set_num_format("dd/mm/yyyy"),
        row: 0,
    })
}

fn place(regions: &Regions, code: RegionCode) -> String {
    regions
        .name(code)
        .map_or_else(|| code.to_string(), str::to_owned)
}

pub fn write(program: &Program<'_>) -> Result<Vec<u8>, Error> {
    let mut workbook = Workbook::new();
    initiatives(&mut workbook, program)?;
    stakeholders(&mut workbook, program)?;
    achievements(&mut workbook, program)?;
    workbook.save_to_buffer().map_err(failed)
}

fn initiatives(workbook: &mut Workbook, program: &Program<'_>) -> Result<(), Error> {
    let mut sheet = sheet(workbook, "Inisiatif")?;
    sheet.headings(&[
        "Nomor",
        "Judul",
        "Status",
        "Kecamatan",
        "Subsektor",
        "Kebutuhan",
        "Heliks yang terlibat",
        "Mulai",
        "Selesai",
        "Tempat",
        "Tawaran aktif",
        "Nama kontak",
        "Email kontak",
        "Telepon kontak",
        "Diusulkan",
    ])?;
    for i in program.initiatives {
        let contact = i.contact.clone().unwrap_or_default();
        sheet.number(0, i.id.0 as f64)?;
        sheet.text(1, &i.title)?;
        sheet.text(2, i.status.label(LANG))?;
        sheet.text(3, &place(program.regions, i.region))?;
        sheet.text(4, &labels(i.subsectors.iter()))?;
        sheet.text(5, &labels(i.needs.iter().map(|n| n.resource)))?;
        sheet.text(6, &labels(i.coverage.iter()))?;
        sheet.date(7, i.starts_on)?;
        sheet.date(8, i.ends_on)?;
        sheet.text(9, i.place.as_deref().unwrap_or_default())?;
        sheet.number(10, f64::from(i.pledge_count))?;
        sheet.text(11, &contact.person)?;
        sheet.text(12, contact.email.as_deref().unwrap_or_default())?;
        sheet.text(13, contact.phone.as_deref().unwrap_or_default())?;
        sheet.time(14, i.created_at)?;
        sheet.next();
    }
    sheet.finish();
    Ok(())
}

fn stakeholders(workbook: &mut Workbook, program: &Program<'_>) -> Result<(), Error> {
    let mut sheet = sheet(workbook, "Mitra")?;
    sheet.headings(&[
        "Nomor",
        "Nama",
        "Heliks",
        "Wilayah",
        "Subsektor",
        "Yang ditawarkan",
        "Terverifikasi",
        "Situs web",
        "Nama kontak",
        "Email kontak",
        "Telepon kontak",
        "Terdaftar",
    ])?;
    for s in program.stakeholders {
        let contact = s.contact.clone().unwrap_or_default();
        sheet.number(0, s.id.0 as f64)?;
        sheet.text(1, &s.name)?;
        sheet.text(2, s.helix.label(LANG))?;
        sheet.text(3, &place(program.regions, s.region))?;
        sheet.text(4, &labels(s.subsectors.iter()))?;
        sheet.text(5, &labels(s.offers.iter()))?;
        sheet.text(6, if s.verified { "Ya" } else { "Tidak" })?;
        sheet.text(7, s.website.as_deref().unwrap_or_default())?;
        sheet.text(8, &contact.person)?;
        sheet.text(9, contact.email.as_deref().unwrap_or_default())?;
        sheet.text(10, contact.phone.as_deref().unwrap_or_default())?;
        sheet.time(11, s.created_at)?;
        sheet.next();
    }
    sheet.finish();
    Ok(())
}

fn achievements(workbook: &mut Workbook, program: &Program<'_>) -> Result<(), Error> {
    let mut sheet = sheet(workbook, "Capaian")?;
    let mut headings = vec!["Bulan".to_owned(), "Wilayah".to_owned()];
    for what in ["Tawaran dibuat", "Tawaran diterima"] {
        for helix in Helix::ALL {
            headings.push(format!("{what}: {}", helix.label(LANG)));
        }
    }
    headings.extend(
        [
            "Inisiatif selesai",
            "Median hari ke tawaran pertama",
            "Median hari ke pentahelix lengkap",
        ]
        .map(str::to_owned),
    );
    sheet.headings(&headings.iter().map(String::as_str).collect::<Vec<_>>())?;
    for (area, rows) in program.achievements {
        for row in rows {
            sheet.text(0, &row.month)?;
            sheet.text(1, &place(program.regions, row.kecamatan.unwrap_or(*area)))?;
            for (n, count) in row
                .offered
                .each()
                .into_iter()
                .chain(row.accepted.each())
                .enumerate()
            {
                sheet.number(2 + n as u16, f64::from(count))?;
            }
            sheet.number(12, f64::from(row.completed))?;
            if let Some(days) = row.days_to_first_pledge {
                sheet.number(13, days)?;
            }
            if let Some(days) = row.days_to_pentahelix {
                sheet.number(14, days)?;
            }
            sheet.next();
        }
    }
    sheet.finish();
    Ok(())
}
