import ArgumentParser
import Shell

/// `jacobi lesson NAME [--reset]`: take a lesson at the prompt, or run it with answers from a pipe.
struct LessonSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Take a lesson: you stay at the prompt, and your progress is saved after every step.",
        discussion: """
            On a terminal, jacobi offers to continue where you stopped. With standard input from a file or a \
            pipe (jacobi lesson 3 < answers.txt) each line is what the learner types, an empty line meaning \
            :next; the status is 0 when the lesson is completed. Progress lives in \
            $XDG_STATE_HOME/jacobi/progress.json (JACOBI_PROGRESS overrides the path; empty turns saving off).
            """
    )

    @Argument(help: "The lesson's name or number (jacobi lessons lists them).", completion: .lessonNames)
    var name: String

    @Flag(help: "Forget your progress in this lesson and start from the beginning.")
    var reset = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        try exitOnFailure(Launcher.lesson(name, reset: reset, options: try common.shellOptions()))
    }
}

/// `jacobi lessons` and `jacobi lessons check [DIR]`.
struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "List the lessons with your progress, or check them as an author.",
        discussion: """
            The lessons folder is JACOBI_LESSONS if set, else ./Lessons, else the Lessons folder found going \
            up from the jacobi executable (or share/jacobi/Lessons beside a folder on the way).
            """,
        subcommands: [List.self, Check.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List every lesson with its length and your progress.")

        @OptionGroup var common: CommonOptions

        func run() throws {
            try exitOnFailure(Launcher.listLessons(options: try common.shellOptions()))
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Run every lesson without a learner: demos, derivations, answers and mistakes; status 1 on any failure."
        )

        @Argument(help: "The folder of lesson files (default: the course's Lessons folder).")
        var directory: String?

        @OptionGroup var common: CommonOptions

        func run() throws {
            try exitOnFailure(Launcher.checkLessons(directory: directory, options: try common.shellOptions()))
        }
    }
}

/// `jacobi present LESSON [--export markdown] [--output FILE [--force]]`.
struct PresentSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "present",
        abstract: "Present a lesson to a class, one step per key; or export it as a Markdown handout.",
        discussion: """
            Space, Enter, Right, Down or Page Down go on; Left, Up, Page Up, Backspace or b go back; n and p go to the \
            next and the previous step; a number then Enter (or g) goes to that step, 0 to the title; Home and \
            End go to the title and the last part; ? lists the keys; q, Esc or Ctrl-C ends. Derivations appear \
            a step per key, and a question's answer one key after the question. Nothing is saved. The handout \
            (--export markdown) has its maths in LaTeX for pandoc (pandoc handout.md -o handout.pdf) and its \
            questions without answers; --teacher adds the answers, hints and expected mistakes.
            """
    )

    @Argument(help: "The lesson's name or number.", completion: .lessonNames)
    var name: String

    @Option(help: ArgumentHelp("Write the lesson as a handout instead, with every output filled in: markdown.", valueName: "FORMAT"))
    var export: String?

    @Option(help: ArgumentHelp("Write the handout to FILE instead of standard output (implies --export markdown).", valueName: "FILE"))
    var output: String?

    @Flag(help: "With --output: replace an existing FILE without asking, and write through a symbolic link.")
    var force = false

    @Flag(help: "In the handout, the teacher's version: each question's answer, other accepted forms, hints and expected mistakes.")
    var teacher = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if force, output == nil { throw ValidationError("--force goes with --output FILE") }
        if teacher, export == nil, output == nil { throw ValidationError("--teacher goes with --export markdown (or --output FILE)") }
        if let export, export != "markdown" { throw ValidationError("--export supports markdown only, got '\(export)'") }
    }

    func run() throws {
        try exitOnFailure(Launcher.present(name, exportMarkdown: export != nil, teacher: teacher, output: output, force: force,
                                           options: try common.shellOptions()))
    }
}
