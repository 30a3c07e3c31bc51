// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Jacobi",
    products: [
        .executable(name: "jacobi", targets: ["jacobi"]),
        .executable(name: "jacobi-bench", targets: ["JacobiBenchmarks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    ],
    targets: [
        // MARK: - Executable

        .executableTarget(
            name: "jacobi",
            dependencies: [
                "Shell",
                "VectorLang",
                "Derivation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildInfo"]
        ),

        // MARK: - Public API

        .target(
            name: "VectorLang",
            dependencies: ["CKernels", .product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(
            name: "Derivation",
            dependencies: ["VectorLang"]
        ),
        .target(
            name: "Shell",
            dependencies: ["VectorLang", "Derivation", "LessonKit", "CReadline", "CMallocInfo"]
        ),
        // Derivation for the checker of a learner's own derivation (a `derive:` question); it depends on VectorLang alone.
        .target(name: "LessonKit", dependencies: ["VectorLang", "Derivation"]),

        // MARK: - Implementation details

        // No `pkgConfig: "readline"`: readline.pc carries -D flags that SwiftPM refuses with a warning on
        // every build, and the module map's `link "readline"` is all the target needs.
        .systemLibrary(
            name: "CReadline",
            providers: [.apt(["libreadline-dev"])]
        ),
        // Vectorised numeric loops (exp, softmax's passes, the cross-entropy loss), dispatched at run time on the CPU's features.
        .target(name: "CKernels"),
        // glibc's mallinfo2, which Swift's Glibc module does not export, for the bytes `:bench` reports.
        .target(name: "CMallocInfo"),

        // The git commit for `jacobi --version`, written before every build.
        .plugin(name: "BuildInfo", capability: .buildTool()),

        // MARK: - Benchmarks (release build; Benchmarks/autodiff.sh runs them beside NumPy)

        .executableTarget(name: "JacobiBenchmarks", dependencies: ["VectorLang", "Derivation"]),

        // MARK: - Unit test bundles

        .testTarget(name: "VectorLangTests", dependencies: ["VectorLang"]),
        .testTarget(name: "LessonKitTests", dependencies: ["LessonKit", "VectorLang", "ProgressWriter"], exclude: ["Fixtures"]),
        // The child process ProgressKillTests kills mid-save, again and again: a program of its own, so
        // its endless loop is not a test case that passes, doing nothing, in every other run.
        .executableTarget(name: "ProgressWriter", dependencies: ["LessonKit"], path: "Tests/ProgressWriter"),
        .testTarget(name: "DerivationTests", dependencies: ["Derivation", "VectorLang"], exclude: ["Golden", "Suite", "CheckFixtures"]),
        .testTarget(
            name: "ShellTests",
            dependencies: ["Shell", "VectorLang", "LessonKit"],
            resources: [.copy("Transcripts")]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// MARK: - Fuzzing (only with JACOBI_FUZZ set; Fuzz/run.sh builds it into .build-fuzz)

if Context.environment["JACOBI_FUZZ"] != nil {
    package.targets.append(
        .executableTarget(
            name: "FuzzParseEvaluate",
            dependencies: ["VectorLang"],
            path: "Fuzz/FuzzParseEvaluate",
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer"])]
        )
    )
    package.targets.append(
        .executableTarget(
            name: "FuzzDerive",
            dependencies: ["Derivation", "VectorLang"],
            path: "Fuzz/FuzzDerive",
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer"])]
        )
    )
    package.targets.append(
        .executableTarget(
            name: "FuzzLessons",
            dependencies: ["LessonKit", "VectorLang"],
            path: "Fuzz/FuzzLessons",
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer"])]
        )
    )
}

// Tests/VectorLangTests/FuzzRegressions holds crash inputs that FuzzRegressionTests reads through #filePath;
// they are data, not sources or resources.
for target in package.targets where target.name == "VectorLangTests" {
    target.exclude.append("FuzzRegressions")
}
