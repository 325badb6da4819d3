using System.Net;
using System.Net.Sockets;
using Jinbao.Exchange.Resources;
using Jinbao.Exchange.Sharing;

namespace Jinbao.Exchange.Partners;

/// <summary>The rules every agreement must meet before it is stored; each broken rule raises a <see cref="SharingException"/> naming the value.</summary>
public static class AgreementRules
{
    /// <summary>Checks a definition against the catalogue and the partner.</summary>
    public static void Validate(AgreementDefinition definition, Partner partner)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(partner);
        if (partner.Status != PartnerStatuses.Active)
        {
            throw new SharingException(Text.Format(SharingText.PartnerSuspended, partner.Id));
        }

        if (string.IsNullOrWhiteSpace(definition.Purpose))
        {
            throw new SharingException(SharingText.AgreementPurposeMissing);
        }

        if (string.IsNullOrWhiteSpace(definition.LegalBasis))
        {
            throw new SharingException(SharingText.AgreementLegalBasisMissing);
        }

        if (definition.ValidTo < definition.ValidFrom)
        {
            throw new SharingException(Text.Format(SharingText.AgreementPeriodInvalid, definition.ValidFrom, definition.ValidTo));
        }

        if (definition.DailyQuota is < 1 or > PartnerRegistry.MaxDailyQuota)
        {
            throw new SharingException(Text.Format(SharingText.AgreementQuotaInvalid, definition.DailyQuota, PartnerRegistry.MaxDailyQuota));
        }

        if (definition.Datasets.Count == 0 && definition.Verifications.Count == 0 && definition.Notices.Count == 0)
        {
            throw new SharingException(SharingText.AgreementEmpty);
        }

        foreach (var agreed in definition.Datasets)
        {
            ValidateDataset(agreed, definition.Condition);
        }

        if (definition.Datasets.Select(d => d.Dataset).Distinct(StringComparer.Ordinal).Count() != definition.Datasets.Count)
        {
            throw new SharingException(SharingText.AgreementDatasetRepeated);
        }

        foreach (string question in definition.Verifications)
        {
            if (!VerificationQuestions.All.Contains(question))
            {
                throw new SharingException(Text.Format(SharingText.VerificationUnknown, question, string.Join("、", VerificationQuestions.All)));
            }
        }

        foreach (string kind in definition.Notices)
        {
            if (!NoticeKinds.All.Contains(kind))
            {
                throw new SharingException(Text.Format(NoticeText.KindUnknown, kind, string.Join("、", NoticeKinds.All)));
            }
        }

        foreach (string url in definition.CallbackUrls)
        {
            ValidateCallbackUrl(url);
        }
    }

    /// <summary>
    /// Checks a callback address: an absolute HTTPS URL without user information whose host is a name or a unicast
    /// address. Link-local (including the cloud metadata address 169.254.169.254), multicast and unspecified addresses
    /// are rejected because a callback there would reach the server's own network rather than the partner.
    /// </summary>
    public static void ValidateCallbackUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new SharingException(Text.Format(SharingText.CallbackUrlInvalid, url));
        }

        if (IPAddress.TryParse(uri.IdnHost, out var address) && IsForbidden(address))
        {
            throw new SharingException(Text.Format(SharingText.CallbackAddressForbidden, url));
        }
    }

    /// <summary>Whether a subscription's callback names exactly one of the agreement's addresses (scheme, host, port and path).</summary>
    public static bool IsListedCallback(AgreementDefinition definition, string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var requested)
        && definition.CallbackUrls.Any(listed => Uri.TryCreate(listed, UriKind.Absolute, out var allowed)
            && Uri.Compare(requested, allowed, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) == 0);

    private static void ValidateDataset(AgreementDataset agreed, SharingCondition condition)
    {
        var dataset = SharedDatasets.Find(agreed.Dataset)
            ?? throw new SharingException(Text.Format(SharingText.DatasetUnknown, agreed.Dataset, string.Join("、", SharedDatasets.All.Select(d => d.Name))));
        if (agreed.Fields.Count == 0)
        {
            throw new SharingException(Text.Format(SharingText.AgreementFieldsMissing, dataset.Name));
        }

        foreach (string name in agreed.Fields)
        {
            var field = dataset.Field(name)
                ?? throw new SharingException(Text.Format(SharingText.FieldUnknown, name, dataset.Name, string.Join("、", dataset.Fields.Where(f => f.Class != SharingClass.NotShared).Select(f => f.Name))));
            if (field.Class == SharingClass.NotShared)
            {
                throw new SharingException(Text.Format(SharingText.FieldNotShared, name, dataset.Name));
            }

            if (field.Class == SharingClass.Conditional && condition == SharingCondition.Unconditional)
            {
                throw new SharingException(Text.Format(SharingText.FieldNeedsCondition, name, dataset.Name));
            }
        }

        foreach (var (field, mask) in agreed.Masks ?? new Dictionary<string, string>())
        {
            if (!agreed.Fields.Contains(field, StringComparer.Ordinal))
            {
                throw new SharingException(Text.Format(SharingText.MaskFieldNotAgreed, field, dataset.Name));
            }

            FieldMasks.Validate(field, mask);
        }
    }

    /// <summary>Whether an address is link-local, multicast, broadcast or unspecified, where no callback may go.</summary>
    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast) || address.IsIPv6LinkLocal || address.IsIPv6Multicast)
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            byte[] bytes = address.GetAddressBytes();
            return (bytes[0] == 169 && bytes[1] == 254) || bytes[0] >= 224 || bytes[0] == 0;
        }

        return false;
    }
}
