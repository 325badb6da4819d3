namespace Jinbao.Quality.Samples;

/// <summary>
/// Deals out fault kinds in rounds: every kind once per round, in a new random order each round, so
/// that kinds are spread evenly over the faulty records.
/// </summary>
internal sealed class FaultSchedule
{
    private readonly SampleFault[] _round;
    private readonly SampleRandom _random;
    private int _next;

    /// <exception cref="ArgumentException"><paramref name="faults"/> is empty.</exception>
    public FaultSchedule(IEnumerable<SampleFault> faults, SampleRandom random)
    {
        _round = [.. faults];
        if (_round.Length == 0)
        {
            throw new ArgumentException("A fault schedule needs at least one fault kind.", nameof(faults));
        }

        _random = random;
        _next = _round.Length;
    }

    /// <summary>
    /// Returns the next kind that can be planted now. A kind that cannot be planted yet moves later in
    /// the round. When no kind left in the round can be planted, a new round starts. Returns
    /// <see cref="SampleFault.None"/> only when no kind at all can be planted.
    /// </summary>
    public SampleFault Next(Func<SampleFault, bool> canPlant)
    {
        for (int attempt = 0; attempt < 2; attempt++)
        {
            if (_next == _round.Length)
            {
                _random.Shuffle(_round);
                _next = 0;
            }

            for (int i = _next; i < _round.Length; i++)
            {
                if (canPlant(_round[i]))
                {
                    (_round[_next], _round[i]) = (_round[i], _round[_next]);
                    return _round[_next++];
                }
            }

            _next = _round.Length;
        }

        return SampleFault.None;
    }
}
