using System.Text;

namespace Analytics.Generator;

/// <summary>
/// data-samples/README.md: what each folder holds, which published figures live in which records, and the planted
/// defects with their exact record numbers (written from the run itself, so the list cannot drift).
/// </summary>
internal static class ReadmeWriter
{
    public static void Write(WriteLog log, string command, PlantedEffect? effect = null)
    {
        var md = new StringBuilder();
        md.Append($$"""
            # Sample exports

            Written by `{{command}}` (deterministic: the same arguments give byte-identical CSV and JSONL;
            xlsx files differ only in zip metadata). Do not edit by hand: change `tools/Generator/` and regenerate.

            ## Folders

            | path | what it holds | encoding / format quirks |
            |---|---|---|
            | `regions.csv` | the region tree: 陕西省 > 宝鸡市, 山东省 > 临沂市 and 日照市 > 莒县 > 夏庄镇, 北京市 > 平谷区 (no city level), 江西省 > 11 cities > 100 counties; townships and their communities / villages | UTF-8 with BOM |
            | `reform/institutions_<city>.xlsx` | one workbook per city (北京市 for 平谷区), one sheet per county, one row per township reform | even sheets: date cells; odd sheets: text dates `2020/3/15`; internal body counts only for 平谷's pilots |
            | `reform/devolved_powers_<area>.csv` | one row per item devolved to one township | 宝鸡市, 江西省: UTF-8 BOM; 临沂市: **GB18030**; 日照市: UTF-8 without BOM |
            | `grids/grids_<area>.jsonl[.gz]` | grid platform snapshots (2023-12-31 and 2024-06-30 for 宝鸡, 2024-06-30 for 江西) | 江西 is gzipped (69,000 lines) |
            | `grids/events_宝鸡市.jsonl` | events found by grid members, 2023-2024, about 90% closed | |
            | `cases/hotline_YYYYMM.csv[.gz]` | 12345 tickets, 2019-01 .. 2024-12, for 宝鸡's 17 and 临沂's 22 streets, all 18 平谷 units and 夏庄镇 (about ten a month each); without --tickets, every month also gives every township of 宝鸡 (17 streets, 99 towns) and 平谷 (18) a township's real volume: streets about {{CaseUnits.StreetVolume.Low}}-{{CaseUnits.StreetVolume.High}} tickets a month, towns and 乡 about {{CaseUnits.TownVolume.Low}}-{{CaseUnits.TownVolume.High}}, ±10% summer peak, ±8% noise and about 30% growth from 2019 to 2024 | gzipped (`.csv.gz`) without --tickets; months by index m = 0..71: m%4=1 GB18030, m%4=3 UTF-8 without BOM, else UTF-8 BOM; m%6=4 dates `2024/7/3 14:05:00`; quoted fields with commas, quotes and a few line breaks; CRLF |
            | `cases/enforcement_YYYY.csv` | enforcement cases 2019-2024 for the same units; `2015` holds 夏庄镇's joint platform only | 2020 GB18030, 2023 UTF-8 without BOM, 2021 dates `2021/7/3` |
            | `staffing/staffing_YYYY.xlsx` | one sheet per county: 宝鸡 and 平谷 2019-2024, 莒县 (夏庄镇) 2014-2024 | |
            | `published/figures.csv` | the published figures as measure ids, with the sentence they come from | UTF-8 |

            Caller names, phone numbers and ticket text are invented; some callers call again (same name and phone).
            Hotline rates follow the published figures (docs/domain/figures.md): resolution about 53% and satisfaction about 65% in early 2019, both about
            97% by 2024; first contact within 24 h of dispatch for about 99%; about 12% of tickets 未回访; summer peak.

            ## Published figures and the records that carry them

            | report | figure | records | in figures.csv |
            |---|---|---|---|
            | 000 | 99 towns, 17 streets | `regions.csv` (级别 乡镇, 类型 镇 / 街道 under 610300000000) | no measure id |
            | 000 | towns ≤ 10 bodies + institutions, streets 8-9 | `institutions_宝鸡市.xlsx` 改革后机构数 + 改革后事业单位数 | no measure id |
            | 000 | 蔡家坡镇 9 bodies + 1 institution; 汤峪镇 developed | `institutions_宝鸡市.xlsx` (岐山县 sheet); `regions.csv` 经济发达镇 | no measure id |
            | 000 | 188 communities all covered, 3061 grids, 5578 members | `regions.csv` (188 社区), `grids_宝鸡市.jsonl` snapshot 2024-06-30 | grid_count, grid_members, grid_coverage_rate (2024) |
            | 000 | 57 综合行政执法队; 市场监管所 870 posts; 便民服务中心 413 posts | `staffing_2024.xlsx` (宝鸡 sheets): unit names ending 综合行政执法队 (county level), 市场监管所, 便民服务中心 | no measure id (the warehouse has no unit-name filter) |
            | 000 | 924 recruited in three years | `staffing_2019..2021.xlsx` 当年招录 (宝鸡 sheets) | staff_recruited 2019..2021 |
            | 000 | 161 items from 12 departments to 柳林镇 and 汤峪镇 | `devolved_powers_宝鸡市.csv` (all 2020) | devolved_powers, devolving_departments (凤翔区+眉县, 2020) |
            | 001 | 13 counties and districts; 22 streets | `regions.csv` under 371300000000 | no measure id |
            | 001 | 兰山区 135 powers devolved | `devolved_powers_临沂市.csv` (2021) | devolved_powers (371302000000, 2021) |
            | 002 | three pilot towns; internal bodies 12 → 7, 8 → 4 | `regions.csv` 改革试点 (峪口镇, 马坊镇, 金海湖镇: the report does not name them); `institutions_北京市.xlsx` | internal_body_streamlining_rate 0.4167 and 0.5 (2024) |
            | 003 | 562 乡, 171 街道, 805 镇, 30 developed | `regions.csv` under 360000000000 | no measure id |
            | 003 | 18,000余 bodies integrated (records: 18,150), rate 60% (18,150 / 30,250) | `institutions_<11 cities>.xlsx` | institutions_integrated 18000, institution_streamlining_rate 0.60 (2024) |
            | 003 | 7-9 bodies for 乡镇, 5-7 for streets, 一办七局 (8) for developed towns | `institutions_*.xlsx` (江西 cities) | no measure id |
            | 003 | developed towns 138 powers each; others from the 98-item catalogue | `devolved_powers_江西省.csv` (目录 省级目录 codes JX-SJML-001..098, shared) | no: 138 is a per-town average, not a region total |
            | 003 | 6.9万 grids, 7万余 members (records: 69,000 and 70,400) | `grids_江西省.jsonl.gz` | grid_count 69000, grid_members 70000 (2024) |
            | 004 | 10 communities, 66 villages, 69,000 people, 114.8 km² | `regions.csv` under 371122108000 | no measure id |
            | 004 | 76 powers from 15 departments | `devolved_powers_日照市.csv` (2015) | devolved_powers, devolving_departments (2015) |
            | 004 | +5 administrative, +6 public-institution posts; 15 recruited 2014-2015 | `staffing_2014.xlsx`, `staffing_2015.xlsx` (莒县 sheet) | staff_recruited 2014..2015 (the +5 / +6 are differences of staffing_approved by post kind) |
            | 004 | 36 joint operations, 200余 personnel-times (records: 202) | `enforcement_2015.csv` | joint_enforcement_operations, enforcement_personnel_times (2015) |

            Not expressible in these records: 临沂's 66 service stations (no service-station family), 罗庄's 60/40 scoring of
            stationed agencies, 夏庄镇's 138-item power and responsibility list (a list, not devolved items), 江西's
            per-town average of 138 (only as records: each developed town has exactly 138 items).

            ## Planted defects

            Real exports contain bad rows; these are deliberate and none of them touches a published figure. Record numbers count
            the header as record 1 (a quoted field with a line break does not start a new record).

            | file | record | column | what is wrong |
            |---|---|---|---|

            """);
        foreach (var d in log.Defects)
        {
            md.Append($"| `{d.File}` | {d.Record} | {d.Column} | {d.What} |\n");
        }
        if (effect is not null)
            md.Append($"\n## Planted effect\n\n{effect.Describe()}\n");
        md.Append("\n## Row counts\n\n| file | rows |\n|---|---|\n");
        foreach (var (file, rows) in log.Rows)
        {
            md.Append($"| `{file}` | {rows:N0} |\n");
        }
        File.WriteAllText(log.PathOf("README.md"), md.ToString().Replace("\r\n", "\n", StringComparison.Ordinal), new UTF8Encoding(false));
    }
}
