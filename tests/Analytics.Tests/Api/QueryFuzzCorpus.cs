namespace Analytics.Tests.Api;

/// <summary>
/// Generated request shapes over every entity set: odd and malformed values of each OData query option, built from
/// templates over the set's own numeric, text, date and boolean properties, plus the non-OData endpoints' parameters.
/// Each shape must be answered (200) or refused with a 4xx OData error body; none may be a 500.
/// </summary>
internal static class QueryFuzzCorpus
{
    private sealed record Set(string Name, string Num, string Num2, string Str, string Date, string? DateTime, string? Bool, string Key);

    private static readonly Set[] Sets =
    [
        new("Regions", "Population", "LevelRank", "Name", "", null, "Pilot", "'610000000000'"),
        new("Measures", "", "", "Id", "", null, "HigherIsBetter", "'hotline_tickets'"),
        new("MeasureValues", "Numerator", "Denominator", "MeasureId", "", null, null, "RegionCode='610000000000',Period='2024',MeasureId='hotline_tickets'"),
        new("HotlineTickets", "ResponseHours", "HandlingHours", "Category", "Month", "ReceivedAt", "Whistle", "'x'"),
        new("EnforcementCases", "Personnel", "FineYuan", "Domain", "OpenedOn", null, "Joint", "'C1'"),
        new("InstitutionReforms", "BodiesBefore", "BodiesAfter", "Model", "CompletedOn", null, null, "'x'"),
        new("DevolvedPowers", "", "", "Method", "DevolvedOn", null, null, "TownshipCode='x',ItemCode='P1'"),
        new("GridSnapshots", "Members", "Households", "Status", "SnapshotDate", null, null, "GridCode='x',SnapshotDate=2024-03-31"),
        new("GridEvents", "", "", "Category", "Month", "ReportedAt", null, "'x'"),
        new("Staffing", "", "", "PostKind", "", null, null, "UnitCode='x',PostKind='y',Year=2024"),
    ];

    private static readonly string[] NumericFilters =
    [
        "{n} div {m} gt 0.5", "{n} mul 2 gt 1", "{n} div 0 gt 1", "{n} mod 0 eq 0", "{n} div 0.0 gt 1", "{n} mod 0.0 eq 0",
        "1 div 0 eq 1", "1 mod 0 eq 0", "1.0 div 0.0 eq 1", "{n} gt 99999999999999999999", "{n} eq 2147483648",
        "{n} eq 9223372036854775807", "{n} eq 9223372036854775808", "{n} eq -9223372036854775809",
        "{n} add 9223372036854775807 gt 0", "{n} mul 9223372036854775807 gt 0", "{n} sub -9223372036854775808 gt 0",
        "{n} eq 1e400", "{n} eq -1e400", "{n} eq 1.0e-400", "{n} eq NaN", "{n} eq INF", "{n} eq -INF", "{n} gt 1M",
        "{n} eq 79228162514264337593543950336", "{n} eq 1.7976931348623157E+308", "-{n} lt 0", "{n} eq {s}",
        "round({n}) eq 1", "floor({n} div 3) eq 0", "ceiling({n}) eq 2", "cast({n},Edm.Int32) eq 1",
        "cast({n},Edm.Byte) eq 1", "cast({n},Edm.String) eq '1'", "cast({n},Edm.Decimal) gt 1", "isof({n},Edm.Int32)",
        "{n} in (1,2,3)", "{n} in ()", "{n} eq null", "{n} ne null and {m} ne null", "{n} div {m} mul 100 ge 50",
        "{n} add {m} gt 2147483647", "({n} div {m}) gt 0", "{n} gt", "{n} gt gt 1", "{n} eq 1 and", "{n} eq 0x10",
        "{n} eq 1_000", "{n} eq '1'", "{n} mod {m} eq 0", "{m} div {n} le 1", "{n} gt 1 or {n} div 0 gt 1",
    ];

    private static readonly string[] TextFilters =
    [
        "{s} eq 1", "{s} gt 'x'", "contains({s},'')", "contains({s},'%')", "contains({s},'_')", "startswith({s},'\\')",
        "substring({s},-1) eq 'a'", "substring({s},99999999999) eq 'a'", "substring({s},2147483647,5) eq 'a'",
        "substring({s},1,-5) eq 'a'", "length({s}) gt 2147483647", "length({s}) div 0 gt 1", "indexof({s},'a') eq -1",
        "tolower({s}) eq null", "{s} eq null", "{s} in ('a',null)", "{s} in ()", "matchesPattern({s},'[')",
        "matchesPattern({s},'(a')", "matchesPattern({s},'.*')", "concat({s},{s}) eq ''", "trim({s}) eq ''",
        "cast({s},Edm.Int32) eq 1", "cast({s},Edm.Double) gt 1", "cast({s},Edm.Date) eq 2024-01-01",
        "cast({s},Edm.Boolean)", "{s} eq '''", "{s} eq 'unterminated", "{s} eq '\u0000'", "{s} eq '中文'",
        "{s} eq 'a' eq 'b'", "{s} has 'x'", "{s} eq Analytics.MeasureId'hotline_tickets'", "{s} add 1 gt 0",
        "not {s}", "{s}", "$it/{s} eq 'x'", "$root/Regions eq null", "{s} eq @p", "{s}/Nope eq 1", "Nope eq 1",
        "{s} eq \"x\"", "{s} lt 'z' and {s} gt 'a' or {s} eq 'm'", "hassubset({s},'a')", "geo.distance({s},{s}) lt 1",
        "any()", "{s}/any(x:x eq 'a')", "endswith({s},'a') eq 1", "$it in (null,null)", "$it in (null)",
        "not ($it in (null))",
    ];

    private static readonly string[] DateFilters =
    [
        "year({d}) eq 2024", "{d} gt 2024-13-45", "{d} eq 0000-01-01", "{d} gt 9999-12-31", "{d} lt 0001-01-01",
        "{d} eq 2024-02-30", "month({d}) div 0 eq 1", "day({d}) mod 0 eq 1", "{d} eq '2024-01-01'", "{d} eq 2024",
        "{d} add duration'P99999999D' gt {d}", "{d} sub {d} eq duration'P1D'", "{d} gt now()", "{d} lt maxdatetime()",
        "{d} gt mindatetime()", "date({d}) eq 2024-01-01", "year({d}) eq 99999999999", "{d} eq null", "{d} in (2024-01-01)",
        "{d} eq 2024-01-01T00:00:00+25:00", "totaloffsetminutes({d}) eq 0", "fractionalseconds({d}) gt 0",
        "totalseconds(duration'P1D') gt 0", "{d} ge 2024-01-01 and {d} le 2023-01-01",
    ];

    private static readonly string[] DateTimeFilters =
    [
        "{t} gt 2024-01-01T00:00:00Z", "{t} gt 9999-12-31T23:59:59Z", "{t} eq 0001-01-01T00:00:00Z",
        "hour({t}) eq 25", "minute({t}) div 0 eq 1", "{t} add duration'P99999999D' gt {t}", "time({t}) eq 25:00:00",
        "{t} sub {t} gt duration'PT1H'", "{t} gt 2024-01-01T00:00:00+99:00", "second({t}) gt 59",
    ];

    private static readonly string[] BoolFilters =
    [
        "{b}", "not {b}", "{b} eq 'x'", "{b} eq 1", "{b} eq true and {b} eq false", "{b} add 1 eq 2", "{b} in (true,null)",
        "{b} gt false", "cast({b},Edm.Int32) eq 1",
    ];

    private static readonly string[] Apply =
    [
        "groupby(({s}))", "groupby(({s}),aggregate($count as N))", "groupby(({s}),aggregate({n} with sum as S))",
        "aggregate({n} with sum as S)", "aggregate({n} with average as A)", "aggregate({n} with max as M)/compute(M div 0 as X)",
        "aggregate({n} with min as M,{m} with max as X)", "aggregate($count as N)/filter(N gt 1)",
        "compute({n} mul 2 as V)/filter(V gt 1)", "compute({n} div 0 as V)", "compute({n} div {m} as R)/aggregate(R with average as A)",
        "groupby(({s}),aggregate({n} with countdistinct as D))", "aggregate({s} with sum as S)", "aggregate({s} with average as A)",
        "groupby((Nope))", "filter(", "filter({n} div 0 gt 1)/aggregate($count as N)", "topcount(2,{n})", "bottompercent(50,{n})",
        "aggregate({n} with sum as S)/compute(S mul 9223372036854775807 as B)", "identity", "search(x)", "expand(Nope)",
        "groupby((rollup({s})))", "groupby(({s}))/groupby(({s}))", "aggregate({n} with sum as S)/aggregate(S with sum as T)",
        "groupby(({s}),aggregate({n} with sum as S))/filter(S div 0 gt 1)", "groupby(({s}),aggregate({n} with sum as {s}))",
        "aggregate({n} with sum as S,{n} with sum as S)", "aggregate({n} as S)", "aggregate({n} with nope as S)",
        "compute({n} as {n})", "compute(1 div 0 as X)/aggregate(X with sum as S)", "filter({n} gt 1)/filter({n} lt 0)",
        "concat(identity,identity)", "groupby(({s}),topcount(1,{n}))", "compute(cast({s},Edm.Int32) as I)",
        "groupby(({s}),aggregate({n} with sum as S))/compute(S mul 2 as D)/filter(D gt 1)", "filter($it in (null))",
        "compute($it in (null) as B)/groupby((B))",
    ];

    private static readonly string[] Orderby =
    [
        "{s} desc", "{n} div 0", "{n} div {m} desc", "length({s})", "{s} asc,{s} desc", "Nope", "{s} sideways", "{n} mod 0",
        "cast({s},Edm.Int32)", "{s},{s},{s},{s},{s},{s},{s},{s},{s},{s},{s},{s}", "", ",",
    ];

    private static readonly string[] Select = ["{s},{s}", "*", "Nope", "{s}/x", "", ",", "{s},Nope", "@odata.id", "{s}($top=1)"];

    private static readonly string[] Numbers =
    [
        "-1", "0", "1", "2147483648", "9999999999999", "abc", "1.5", " ", "", "1e3", "0x10", "99999999999999999999999",
    ];

    private static readonly string[] SkipTokens =
    [
        "garbage", "'x'", "{s}-1", "eyJhIjoxfQ==", "null", new string('a', 3000), "{s}-'abc'", "{n}-9999999999999999999999",
        "{n}-abc,{s}-'x'", "%00", "-", ",,,", "{s}-", "Nope-1", "{n}-1e400", "{s}-'x',{s}-'y'",
    ];

    private static readonly string[] Others =
    [
        "$count=maybe", "$count=true&$top=0", "$format=xml", "$format=atom", "$format=garbage", "$format=application/json;odata.metadata=full",
        "$format=application/json;odata.metadata=none;odata.streaming=true", "$expand=Nope", "$expand=*", "$search=x",
        "$levels=2", "$foo=1", "$filter=true&$filter=false", "$top=1&$top=2", "$skip=5&$skiptoken=x", "$index=1",
        "$schemaversion=1", "$deltatoken=x", "$id=x", "$select=*&$apply=aggregate($count as N)", "@p=1&$filter={n} eq @p",
        "$compute={n} mul 2 as V&$filter=V gt 1&$select=V", "$compute={n} div 0 as V&$select=V", "$compute={s} as V&$select=V",
        "$compute=x as", "$compute=$it in (null) as B&$select=B", "$compute={n} mul 2 as V&$orderby=V desc&$top=3",
        "$compute={n} div {m} as R&$filter=R gt 0.5",
        "$apply=aggregate($count as N)&$orderby=N", "$apply=groupby(({s}))&$filter={n} gt 1", "$apply=groupby(({s}))&$top=1&$skip=1",
        "$apply=groupby(({s}))&$count=true", "$apply=groupby(({s}))&$skiptoken=garbage", "$apply=groupby(({s}))&$select={n}",
        "$orderby={s}&$skiptoken={s}-'x'", "$apply=compute({n} mul 2 as V)&$filter=V gt 1&$select=V",
    ];

    /// <summary>The generated URLs (relative to the host), each once.</summary>
    public static IReadOnlyList<string> Urls()
    {
        var urls = new List<string>();
        foreach (var set in Sets)
        {
            var filters = new List<string>();
            if (set.Num.Length > 0)
                filters.AddRange(NumericFilters);
            filters.AddRange(TextFilters);
            if (set.Date.Length > 0)
                filters.AddRange(DateFilters);
            if (set.DateTime is not null)
                filters.AddRange(DateTimeFilters);
            if (set.Bool is not null)
                filters.AddRange(BoolFilters);
            var templates = new List<string>();
            templates.AddRange(filters.Select(f => "$filter=" + f));
            templates.AddRange(Apply.Where(a => set.Num.Length > 0 || !a.Contains("{n}", StringComparison.Ordinal)).Select(a => "$apply=" + a));
            templates.AddRange(Orderby.Select(o => "$orderby=" + o));
            templates.AddRange(Select.Select(s => "$select=" + s));
            templates.AddRange(Numbers.Select(n => "$top=" + n));
            templates.AddRange(Numbers.Select(n => "$skip=" + n));
            templates.AddRange(SkipTokens.Select(t => "$orderby={s}&$skiptoken=" + t));
            templates.AddRange(SkipTokens.Select(t => "$skiptoken=" + t));
            templates.AddRange(Others);
            foreach (var template in templates)
            {
                if (set.Num.Length == 0 && template.Contains("{n}", StringComparison.Ordinal))
                    continue;
                urls.Add($"/odata/{set.Name}?{Escape(Fill(template, set))}");
            }
            foreach (var count in filters.Take(12))
                urls.Add($"/odata/{set.Name}/$count?$filter={Escape(Fill(count, set))}");
            urls.AddRange(
            [
                $"/odata/{set.Name}({set.Key})", $"/odata/{set.Name}('{new string('x', 500)}')", $"/odata/{set.Name}(1)",
                $"/odata/{set.Name}(Nope='x')", $"/odata/{set.Name}({set.Key})/{set.Str}", $"/odata/{set.Name}({set.Key})?$select=Nope",
                $"/odata/{set.Name}()", $"/odata/{set.Name}('x'", $"/odata/{set.Name}/$count/$value", $"/odata/{set.Name}/$ref",
                $"/odata/{set.Name}/Nope", $"/odata/{set.Name}/$filter(x)", $"/odata/{set.Name}/$each",
            ]);
        }
        urls.AddRange(Endpoints);
        return urls.Distinct(StringComparer.Ordinal).ToList();
    }

    private static readonly string[] Endpoints =
    [
        "/api/reports/610300000000/0000.html", "/api/reports/610300000000/2024-13.html", "/api/reports/610300000000/2024-Q5.pdf",
        "/api/reports/610300000000/9999.html", "/api/reports/x/2024.html", "/api/reports/610300000000/2024.exe",
        "/api/reports/610300000000/0001-01.html", "/api/reports/610300000000/2024-00.html",
        "/api/dashboards/comparison?measure=x&period=2024&level=city", "/api/dashboards/comparison?measure=hotline_tickets&period=%00&level=city",
        "/api/dashboards/comparison?measure=hotline_tickets&period=2024&level=city&within=x",
        "/api/dashboards/comparison", "/api/dashboards/trend?measure=hotline_tickets&region=610000000000&grain=decade",
        "/api/dashboards/trend?measure=hotline_tickets&region=610000000000&from=9999&to=0000",
        "/api/dashboards/overview?region=610000000000&period=x", "/api/dashboards/overview?region=" + new string('9', 400) + "&period=2024",
        "/api/charts/trend.png?measure=hotline_tickets&region=610000000000&from=0000&to=9999",
        "/api/charts/nope.png", "/api/charts/trend.gif?measure=hotline_tickets&region=610000000000",
        "/api/charts/ranking.svg?measure=hotline_tickets&period=0000&level=city",
        "/api/forecasts?measure=hotline_tickets&region=610000000000&horizon=abc",
        "/api/forecasts?measure=hotline_tickets&region=610000000000&horizon=99999999999",
        "/api/forecasts?measure=hotline_tickets&region=610000000000&origin=0000-00",
        "/odata/Forecast(MeasureId='hotline_tickets',RegionCode='610000000000',Horizon=abc)",
        "/odata/Forecast(MeasureId='hotline_tickets',RegionCode='610000000000',Horizon=99999999999)",
        "/odata/Forecast(MeasureId='x',RegionCode='610000000000',Horizon=3)",
        "/odata/$metadata?$format=garbage", "/odata/$batch", "/odata/$crossjoin(Regions,Measures)", "/odata/$all",
        "/odata/Nope", "/odata/$entity?$id=Regions('610000000000')",
    ];

    private static string Fill(string template, Set set) => template
        .Replace("{n}", set.Num, StringComparison.Ordinal)
        .Replace("{m}", set.Num2, StringComparison.Ordinal)
        .Replace("{s}", set.Str, StringComparison.Ordinal)
        .Replace("{d}", set.Date, StringComparison.Ordinal)
        .Replace("{t}", set.DateTime ?? "", StringComparison.Ordinal)
        .Replace("{b}", set.Bool ?? "", StringComparison.Ordinal);

    /// <summary>Escapes what a client library would (spaces, quotes, %, +, #, control characters), keeping = and &amp;.</summary>
    private static string Escape(string query) =>
        string.Join('&', query.Split('&').Select(part =>
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            return eq < 0 ? Uri.EscapeDataString(part) : part[..(eq + 1)] + Uri.EscapeDataString(part[(eq + 1)..]);
        }));
}
