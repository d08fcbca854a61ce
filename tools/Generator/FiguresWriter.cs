namespace Analytics.Generator;

/// <summary>
/// published/figures.csv: every published figure (docs/domain/figures.md) the records can express, as a measure id over a region and period,
/// with the sentence it comes from. "余" figures carry the published round number; the records sit within +1% above.
/// </summary>
internal static class FiguresWriter
{
    public const string File = "published/figures.csv";

    private const string Baoji = "000_3f13eec56c11a2cd.txt";
    private const string Linyi = "001_5ccb808186d1edfd.txt";
    private const string Pinggu = "002_a209e77026186b63.txt";
    private const string Jiangxi = "003_fbb81959f2c91cbe.txt";
    private const string Xiazhuang = "004_b90cc771dc3f0cbd.txt";

    private const string BaojiGrids = "整合设置在社区的党建、综治、城管等多个网格为一个综合网格,织密组织网,建强专兼职网格员队伍,推动服务向小区、楼栋、家庭延伸,及时了解群众需求和困难,目前全市188个社区网格全覆盖,共建立网格3061个,网格员5578名。";
    private const string BaojiRecruits = "基层干部队伍不断得到壮大,近三年来为镇街招录公务员924人,镇街人员力量进一步充实。";
    private const string BaojiPowers = "凤翔区、眉县将12个县级部门承担的161项县级管理事项,采取交办、委托、授权等方式下放给柳林镇、汤峪镇人民政府实施,通过赋权,基层政府权责更加统一,基层营商环境不断改善,镇域发展动力进一步增强。";
    private const string LanshanPowers = "兰山区通过推进“全网通办”,设立66处便民服务站(点),下放工商登记、食品经营许可等135项便民服务事权,砚台岭社区居民在社区网格服务中心办理了全省第一张营业执照。";
    private const string PingguInternal = "在内设机构设置方面,按照“大部制”、“扁平化”的改革要求,在内设机构设置上进一步精简优化,内设机构分别由12个精简至7个和由8个精简至4个。";
    private const string JiangxiBodies = "與改革前相比,全省共整合各類機構(gòu)18000余個,精簡率達到60%,有力推動了機構(gòu)編制資源下沉,確保了鄉(xiāng)村振興、應急管理、退役軍人服務(wù)等重點領(lǐng)域有機構(gòu)有編制,黨群服務(wù)、綜合治理、精神文明實踐等重要平臺有人員有力量。";
    private const string JiangxiGrids = "整合黨的建設(shè)、綜合治理、社區(qū)治理、數(shù)字城管等系統(tǒng)指揮信息資源,建立一體化信息系統(tǒng)和綜合指揮平臺,劃定6.9萬個網(wǎng)格,配備7萬余名網(wǎng)格員,1000余個鄉(xiāng)鎮(zhèn)(街道)初步實現(xiàn)“多網(wǎng)合一”。";
    private const string XiazhuangPowers = "按照“依法下放、能放即放、权责一致”的原则,根据夏庄镇承接能力,最大限度的向夏庄镇下放了城镇建设、规划投资、项目审批、环境保护、安全生产、市场监管、社会治安、民生保障等方面的涉及15个部门单位,共计76项县级管理权限。";
    private const string XiazhuangRecruits = "权限下放完成后,为确保下放权限有载体,有人接,县编办会同夏庄镇将下放权限和夏庄镇原有权限配置到改革试点方案批复设立的“六办三中心”及县直派驻夏庄镇机构,并采取个人报名、竞争上岗、优化组合等方式,将人员整合到各行政、事业机构,同时加强人员编制力量,在县机构编制总量内,为夏庄镇调剂核增了行政编制5名、事业编制6名,2014年和2015年为夏庄镇招录(聘)人员15名。";
    private const string XiazhuangJoint = "联合执法平台自建立以来,共开展综合执法36次,出动人员200余人次,对畜禽养殖污染治理、安全生产检查、查处违法建设、整治私搭乱建、秸秆禁烧等重点工作进行了有效整治,为各项重点工作的顺利推进构筑了强有力的保障。";

    public sealed record Figure(string RegionCode, string Indicator, string Period, string Value, string Source, string Quote);

    public static IReadOnlyList<Figure> All(RegionTree tree)
    {
        string Town(string county, string name) => tree.ByName(county, name).Code;
        return
        [
            new(Codes.Baoji, "grid_count", "2024", "3061", Baoji, BaojiGrids),
            new(Codes.Baoji, "grid_members", "2024", "5578", Baoji, BaojiGrids),
            new(Codes.Baoji, "grid_coverage_rate", "2024", "1.0", Baoji, BaojiGrids),
            new(Codes.Baoji, "staff_recruited", "2019..2021", "924", Baoji, BaojiRecruits),
            new($"{Codes.Fengxiang}+{Codes.Meixian}", "devolved_powers", "2020", "161", Baoji, BaojiPowers),
            new($"{Codes.Fengxiang}+{Codes.Meixian}", "devolving_departments", "2020", "12", Baoji, BaojiPowers),
            new(Codes.Lanshan, "devolved_powers", "2021", "135", Linyi, LanshanPowers),
            new(Town(Codes.Pinggu, "峪口镇"), "internal_body_streamlining_rate", "2024", "0.4167", Pinggu, PingguInternal),
            new(Town(Codes.Pinggu, "马坊镇"), "internal_body_streamlining_rate", "2024", "0.5", Pinggu, PingguInternal),
            new(Codes.Jiangxi, "institutions_integrated", "2024", "18000", Jiangxi, JiangxiBodies),
            new(Codes.Jiangxi, "institution_streamlining_rate", "2024", "0.60", Jiangxi, JiangxiBodies),
            new(Codes.Jiangxi, "grid_count", "2024", "69000", Jiangxi, JiangxiGrids),
            new(Codes.Jiangxi, "grid_members", "2024", "70000", Jiangxi, JiangxiGrids),
            new(Codes.Xiazhuang, "devolved_powers", "2015", "76", Xiazhuang, XiazhuangPowers),
            new(Codes.Xiazhuang, "devolving_departments", "2015", "15", Xiazhuang, XiazhuangPowers),
            new(Codes.Xiazhuang, "staff_recruited", "2014..2015", "15", Xiazhuang, XiazhuangRecruits),
            new(Codes.Xiazhuang, "joint_enforcement_operations", "2015", "36", Xiazhuang, XiazhuangJoint),
            new(Codes.Xiazhuang, "enforcement_personnel_times", "2015", "200", Xiazhuang, XiazhuangJoint),
        ];
    }

    public static void Write(RegionTree tree, WriteLog log)
    {
        using var csv = new CsvOut(log.PathOf(File), ExportEncoding.Utf8, "region_code", "indicator", "period", "value", "source_document", "quote");
        foreach (var f in All(tree))
        {
            csv.Field(f.RegionCode).Field(f.Indicator).Field(f.Period).Field(f.Value).Field(f.Source).Field(f.Quote);
            csv.EndRow();
        }
        log.Wrote(File, csv.Rows);
    }
}
