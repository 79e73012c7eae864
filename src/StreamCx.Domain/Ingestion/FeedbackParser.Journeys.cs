using StreamCx.Domain.Contracts;

namespace StreamCx.Domain.Ingestion;

/// <summary>The journey family of messages (<c>journey-step</c>, <c>journey-closed</c>, <c>churn</c>) and the catalog flags.</summary>
public sealed partial class FeedbackParser
{
    private ParseOutcome ValidateStep(ref RawFields f)
    {
        if (CheckJourneyFields(ref f, out var occurredAt) is { } rejected) return new ParseOutcome(null, rejected);
        if (string.IsNullOrWhiteSpace(f.Department)) return Missing("department");
        if (string.IsNullOrWhiteSpace(f.Step)) return Missing("step");
        return ParseOutcome.Valid(new JourneyStep(f.EventId!, occurredAt, f.JourneyId!, f.Department, f.Step)
        {
            SiteId = f.SiteId,
            CustomerId = f.CustomerId,
            AccountId = f.AccountId,
            Reason = f.Reason,
            Flags = Flag(f.Department, null),
        });
    }

    private ParseOutcome ValidateClosed(ref RawFields f)
    {
        if (CheckJourneyFields(ref f, out var occurredAt) is { } rejected) return new ParseOutcome(null, rejected);
        JourneyOutcome outcome;
        switch (f.Outcome)
        {
            case "resolved": outcome = JourneyOutcome.Resolved; break;
            case "unresolved": outcome = JourneyOutcome.Unresolved; break;
            case "abandoned": outcome = JourneyOutcome.Abandoned; break;
            case null: return Missing("outcome");
            default: return ParseOutcome.Rejected(RejectionReason.InvalidField, $"field 'outcome' must be 'resolved', 'unresolved' or 'abandoned', got '{Shorten(f.Outcome)}'");
        }
        return ParseOutcome.Valid(new JourneyClosed(f.EventId!, occurredAt, f.JourneyId!, outcome)
        {
            SiteId = f.SiteId,
            CustomerId = f.CustomerId,
            AccountId = f.AccountId,
        });
    }

    private ParseOutcome ValidateChurn(ref RawFields f)
    {
        if (CheckSignalFields(ref f, out var occurredAt) is { } rejected) return new ParseOutcome(null, rejected);
        if (string.IsNullOrWhiteSpace(f.CustomerId) && string.IsNullOrWhiteSpace(f.AccountId))
            return ParseOutcome.Rejected(RejectionReason.MissingField, "a churn needs 'customerId' or 'accountId': both are missing or empty");
        return ParseOutcome.Valid(new Churn(f.EventId!, occurredAt)
        {
            SiteId = f.SiteId,
            CustomerId = NullIfBlank(f.CustomerId),
            AccountId = NullIfBlank(f.AccountId),
            Reason = f.Reason,
        });
    }

    /// <summary>What every journey-family message needs: a time, a known site when one is given, and a journey id.</summary>
    private Rejection? CheckJourneyFields(ref RawFields f, out DateTimeOffset occurredAt) =>
        CheckSignalFields(ref f, out occurredAt)
        ?? (string.IsNullOrWhiteSpace(f.JourneyId) ? MissingRejection("journeyId") : null);

    private Rejection? CheckSignalFields(ref RawFields f, out DateTimeOffset occurredAt)
    {
        occurredAt = default;
        if (f.OccurredAtAccepted is null && string.IsNullOrWhiteSpace(f.OccurredAt)) return MissingRejection("occurredAt");
        if (CheckOccurredAt(ref f, out occurredAt) is { } bad) return bad;
        if (string.IsNullOrWhiteSpace(f.SiteId)) { f.SiteId = null; return null; } // the site is optional here
        return CheckSite(ref f);
    }

    /// <summary>A department or role outside its catalog is kept as given and flagged, not rejected.</summary>
    private CatalogFlags Flag(string? department, string? role) =>
        (department is not null && !catalog.IsKnownDepartment(department) ? CatalogFlags.UnknownDepartment : CatalogFlags.None)
        | (role is not null && !ContactRoles.IsKnown(role) ? CatalogFlags.UnknownRole : CatalogFlags.None);

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
