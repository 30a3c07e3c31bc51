// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Jacobi",
    products: [
        .executable(name: "jacobi", targets: ["jacobi"]),
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
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Public API

        .target(
            name: "VectorLang",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(
            name: "Shell",
            dependencies: ["VectorLang", "CReadline"]
        ),

        // MARK: - Implementation details

        // No `pkgConfig: "readline"`: readline.pc carries -D flags that SwiftPM refuses with a warning on
        // every build, and the module map's `link "readline"` is all the target needs.
        .systemLibrary(
            name: "CReadline",
            providers: [.apt(["libreadline-dev"])]
        ),

        // MARK: - Unit test bundles

        .testTarget(name: "VectorLangTests", dependencies: ["VectorLang"]),
        .testTarget(
            name: "ShellTests",
            dependencies: ["Shell", "VectorLang"],
            resources: [.copy("Transcripts")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
