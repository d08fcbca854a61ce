namespace Analytics.Api;

/// <summary>
/// Something this machine lacks that a feature needs (a CJK font for charts, Chromium for PDFs). The API answers it
/// as 503 with the message, which says what to install; dashboards and OData keep working without it.
/// </summary>
public sealed class MissingToolException(string message) : Exception(message);
