namespace Jinbao.Quality.CrossFile;

/// <summary>The orders the cross-file joins sort records in; ties are broken by file and row, so every order is total.</summary>
internal static class ReferenceComparers
{
    public static readonly IComparer<ReferenceRecord> ByPerson = Comparer<ReferenceRecord>.Create((a, b) =>
    {
        int c = a.Person.CompareTo(b.Person);
        return c != 0 ? c : ByPlace(a, b);
    });

    public static readonly IComparer<ReferenceRecord> ByEmployer = Comparer<ReferenceRecord>.Create((a, b) =>
    {
        int c = a.EmployerHigh.CompareTo(b.EmployerHigh);
        if (c == 0)
        {
            c = a.EmployerLow.CompareTo(b.EmployerLow);
        }

        return c != 0 ? c : ByPlace(a, b);
    });

    /// <summary>Person, employer, insurance type, then start month.</summary>
    public static readonly IComparer<ReferenceRecord> ByEnrolment = Comparer<ReferenceRecord>.Create((a, b) =>
    {
        int c = CompareEnrolmentKey(a, b);
        if (c == 0)
        {
            c = a.Start.CompareTo(b.Start);
        }

        return c != 0 ? c : ByPlace(a, b);
    });

    public static readonly IComparer<ReferenceFinding> FindingsByPlace = Comparer<ReferenceFinding>.Create((a, b) =>
    {
        int c = ByPlace(a.Record, b.Record);
        return c != 0 ? c : a.Rule.CompareTo(b.Rule);
    });

    /// <summary>Compares person, employer and insurance type, the key that a contribution and its enrolment share.</summary>
    public static int CompareEnrolmentKey(in ReferenceRecord a, in ReferenceRecord b)
    {
        int c = a.Person.CompareTo(b.Person);
        if (c == 0)
        {
            c = a.EmployerHigh.CompareTo(b.EmployerHigh);
        }

        if (c == 0)
        {
            c = a.EmployerLow.CompareTo(b.EmployerLow);
        }

        return c != 0 ? c : a.Code.CompareTo(b.Code);
    }

    private static int ByPlace(in ReferenceRecord a, in ReferenceRecord b)
    {
        int c = a.File.CompareTo(b.File);
        return c != 0 ? c : a.Row.CompareTo(b.Row);
    }
}
