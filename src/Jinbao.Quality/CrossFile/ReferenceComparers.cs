namespace Jinbao.Quality.CrossFile;

/// <summary>
/// The orders the cross-file joins sort records in. Ties are broken by file and row, so every order
/// is total. The comparers are structs, so a generic sort calls them without a virtual call.
/// </summary>
internal static class ReferenceComparers
{
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

    public static int ByPlace(in ReferenceRecord a, in ReferenceRecord b)
    {
        int c = a.File.CompareTo(b.File);
        return c != 0 ? c : a.Row.CompareTo(b.Row);
    }
}

/// <summary>Orders records by person.</summary>
internal readonly struct ByPerson : IComparer<ReferenceRecord>
{
    public int Compare(ReferenceRecord x, ReferenceRecord y)
    {
        int c = x.Person.CompareTo(y.Person);
        return c != 0 ? c : ReferenceComparers.ByPlace(x, y);
    }
}

/// <summary>Orders records by credit code.</summary>
internal readonly struct ByEmployer : IComparer<ReferenceRecord>
{
    public int Compare(ReferenceRecord x, ReferenceRecord y)
    {
        int c = x.EmployerHigh.CompareTo(y.EmployerHigh);
        if (c == 0)
        {
            c = x.EmployerLow.CompareTo(y.EmployerLow);
        }

        return c != 0 ? c : ReferenceComparers.ByPlace(x, y);
    }
}

/// <summary>Orders records by person, employer, insurance type, then start month.</summary>
internal readonly struct ByEnrolment : IComparer<ReferenceRecord>
{
    public int Compare(ReferenceRecord x, ReferenceRecord y)
    {
        int c = ReferenceComparers.CompareEnrolmentKey(x, y);
        if (c == 0)
        {
            c = x.Start.CompareTo(y.Start);
        }

        return c != 0 ? c : ReferenceComparers.ByPlace(x, y);
    }
}

/// <summary>Orders findings by file, row and rule.</summary>
internal readonly struct FindingsByPlace : IComparer<ReferenceFinding>
{
    public int Compare(ReferenceFinding x, ReferenceFinding y)
    {
        int c = ReferenceComparers.ByPlace(x.Record, y.Record);
        return c != 0 ? c : x.Rule.CompareTo(y.Rule);
    }
}
