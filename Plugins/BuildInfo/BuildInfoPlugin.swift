import Foundation
import PackagePlugin

/// Writes `BuildInfo.swift` with the commit the package was built from (`git describe --always --dirty`),
/// for `jacobi --version`.
///
/// A prebuild command, so it runs before every build, including a plain `swift build` or `swift run jacobi`
/// on a fresh clone; the file is replaced only when its text changes, so an unchanged commit rebuilds
/// nothing. Outside a git checkout (a source tarball, no git installed) the commit is nil.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let outputs = context.pluginWorkDirectoryURL.appendingPathComponent("generated")
        return [
            .prebuildCommand(
                displayName: "Recording the git commit for jacobi --version",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", Self.script, "build-info", context.package.directoryURL.path, outputs.path],
                outputFilesDirectory: outputs
            ),
        ]
    }

    /// `$1` the package folder, `$2` the output folder.
    static let script = #"""
        mkdir -p "$2" || exit 1
        commit=$(git -C "$1" describe --always --dirty 2>/dev/null | tr -cd '0-9A-Za-z._-')
        if [ -n "$commit" ]; then value="\"$commit\""; else value=nil; fi
        printf '/// The commit jacobi was built from (git describe), or nil outside a git checkout; written by the BuildInfo plugin.\nlet buildCommit: String? = %s\n' "$value" > "$2/BuildInfo.swift.new" || exit 1
        if cmp -s "$2/BuildInfo.swift.new" "$2/BuildInfo.swift"; then rm -f "$2/BuildInfo.swift.new"; else mv "$2/BuildInfo.swift.new" "$2/BuildInfo.swift"; fi
        """#
}
