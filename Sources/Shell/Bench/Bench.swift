import VectorLang

/// Times one input again and again within a time budget, as IPython's `%timeit` and Julia's `@btime` do.
///
/// One warm-up run first (it reports any error, and its time sizes the batches), one untimed run for
/// the bytes it holds (after the warm-up, so what the first run initialises once is not counted), then
/// batches of runs until the budget is spent. Each batch is timed as a whole and long enough (a
/// hundredth of the budget, at least a millisecond) for the clock's resolution and its own cost not to
/// matter; its time divided by its runs is one sample. Runs go straight to the evaluator: parsing and
/// printing are not timed.
struct Bench {
    let session: Session
    let budget: Duration
    var clock = ContinuousClock()

    /// The most samples taken, however fast the input: enough for stable quartiles.
    static let maximumSamples = 1000

    /// What the runs measured.
    struct Report {
        let statistics: BenchStatistics
        let runsPerSample: Int
        /// Bytes malloc held after a run beyond what it held before (nil without mallinfo2).
        let heldBytes: Int?
        /// How far the process's peak resident set rose from before the warm-up to the end (nil without getrusage).
        let peakRise: Int?

        var totalRuns: Int { statistics.sampleCount * runsPerSample }
    }

    /// Runs `text`; a failure is what the session would print for it (a diagnostic, possibly "interrupted").
    func run(_ text: String) -> Result<Report, Diagnostic> {
        let statements: [Statement]
        do {
            statements = try Parser.parse(text)
        } catch {
            return .failure(error)
        }
        guard !statements.isEmpty else { return .failure(Diagnostic("there is nothing to time", at: .point(0))) }
        Interrupt.clear()
        let peakBefore = MemoryProbe.peakResidentBytes()
        let warmUp: Duration
        let heldBytes: Int?
        do {
            warmUp = try time(runs: 1, statements, text)
            heldBytes = try bytesHeld(by: statements, text)
        } catch {
            return .failure(error)
        }

        let runsPerSample = Self.runsPerSample(warmUp: warmUp, budget: budget)
        var samples: [Double] = []
        let deadline = clock.now.advanced(by: budget)
        repeat {
            if Interrupt.isRaised { return .failure(Diagnostic("interrupted", at: statements[0].range)) }
            do {
                let batch = try time(runs: runsPerSample, statements, text)
                samples.append(Self.seconds(batch) / Double(runsPerSample))
            } catch {
                return .failure(error)
            }
        } while clock.now < deadline && samples.count < Self.maximumSamples
        let peakRise = MemoryProbe.peakResidentBytes().flatMap { after in peakBefore.map { after - $0 } }
        guard let statistics = BenchStatistics(samples: samples) else {
            return .failure(Diagnostic("no run was timed", at: statements[0].range))
        }
        return .success(Report(statistics: statistics, runsPerSample: runsPerSample, heldBytes: heldBytes, peakRise: peakRise))
    }

    /// The rise in malloc's bytes in use across one run: what the run leaves held (its result in `ans`).
    ///
    /// The bindings the run replaces (`ans`, an assigned name) are kept alive until the count is taken,
    /// so their freeing does not hide what the run holds.
    private func bytesHeld(by statements: [Statement], _ text: String) throws(Diagnostic) -> Int? {
        let replaced = session.environment.copy()
        let before = MemoryProbe.bytesInUse()
        _ = try time(runs: 1, statements, text)
        let after = MemoryProbe.bytesInUse()
        withExtendedLifetime(replaced) {}
        guard let before, let after else { return nil }
        return after - before
    }

    /// How long `runs` runs of the statements took together.
    private func time(runs: Int, _ statements: [Statement], _ text: String) throws(Diagnostic) -> Duration {
        let start = clock.now
        for _ in 0..<runs {
            for statement in statements {
                do {
                    _ = try session.evaluator.execute(statement, in: text)
                } catch let diagnostic as Diagnostic {
                    throw diagnostic
                } catch {
                    throw Diagnostic("\(error)", at: statement.range)
                }
            }
        }
        return clock.now - start
    }

    /// Runs per batch: enough that a batch lasts a hundredth of the budget (at least 1 ms), judged by
    /// the warm-up run; one when a single run is longer than that.
    static func runsPerSample(warmUp: Duration, budget: Duration) -> Int {
        let batch = max(seconds(budget) / 100, 0.001)
        let once = max(seconds(warmUp), 1e-9)
        return Int(min(max((batch / once).rounded(), 1), 1_000_000))
    }

    static func seconds(_ duration: Duration) -> Double {
        let (whole, attoseconds) = duration.components
        return Double(whole) + Double(attoseconds) * 1e-18
    }
}
