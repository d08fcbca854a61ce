namespace Analytics.Generator;

/// <summary>One township reform: a row of an institutions workbook. Internal body counts only where known.</summary>
internal sealed record Reform(
    Region Township,
    DateOnly CompletedOn,
    string Model,
    int BodiesBefore,
    int BodiesAfter,
    int InstitutionsBefore,
    int InstitutionsAfter,
    int? InternalBefore = null,
    int? InternalAfter = null);
