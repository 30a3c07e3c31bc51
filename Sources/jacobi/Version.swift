/// What `jacobi --version` prints: the release, and the commit when built from a git checkout.
///
/// `buildCommit` comes from the BuildInfo plugin (`git describe --always --dirty`), so a plain
/// `swift build` of a clone prints `0.1.0 (git 283382d)`, and a build outside git prints `0.1.0`.
enum Version {
    static let release = "0.1.0"

    static var text: String {
        buildCommit.map { "\(release) (git \($0))" } ?? release
    }
}
