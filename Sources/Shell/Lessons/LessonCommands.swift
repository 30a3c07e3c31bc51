import LessonKit

extension MetaCommand {
    /// `:lesson`, `:lessons`, and the commands used inside a lesson, in the order `:help` lists them.
    ///
    /// While a lesson runs, `LessonController.route` takes `:next` … `:quit` before this table is
    /// consulted; the entries here give them their help and completion, and say what to do when no
    /// lesson is running.
    static var lessonCommands: [MetaCommand] {
        [lesson, lessons] + LessonCommand.allCases.filter { $0 != .quit }.map(inLesson)
    }

    static var lesson: MetaCommand {
        MetaCommand(
            "lesson", usage: ":lesson NAME | reset NAME | quit",
            "Starts a lesson, or continues it where you stopped; reset forgets your progress in one.",
            detail: [
                "NAME is a lesson's name or number: :lesson 3, :lesson softmax-jacobian (:lessons lists them).",
                "During a lesson you stay at the prompt: Enter or :next goes on, :back, :hint, :skip, :show, and :quit leaves it.",
                "A derivation comes a step per Enter; :next shows the rest of it at once.",
                Attempt.rule,
                "Progress is saved after every step in $XDG_STATE_HOME/jacobi/progress.json (JACOBI_PROGRESS overrides it).",
            ],
            group: .lessons, argument: .names { $0.lessonNames() + ["reset", "quit"] }
        ) { shell, call in
            let lessons = shell.lessons
            let words = call.words
            switch words.first {
            case nil:
                if let runner = lessons.runner, lessons.isRunning { return lessons.render(runner.perform(.show), in: shell) }
                return lessons.listing(width: shell.width, howToStart: "Type :lesson NAME or :lesson NUMBER to start one.")
            case "quit"? where words.count == 1:
                guard let runner = lessons.runner, lessons.isRunning else { return [.info("no lesson is running")] }
                return lessons.render(runner.perform(.quit), in: shell)
            case "reset"?:
                guard words.count == 2 else {
                    return [call.error(":lesson reset needs the lesson to forget", suggestion: "type :lesson reset 3, or :lesson reset softmax-jacobian")]
                }
                return lessons.reset(words[1], in: shell)
            default:
                guard words.count == 1 else {
                    return [call.error("one lesson at a time", suggestion: "type :lesson NAME, :lesson reset NAME or :lesson quit")]
                }
                return lessons.start(call.argument, in: shell)
            }
        }
    }

    static var lessons: MetaCommand {
        MetaCommand("lessons", usage: ":lessons", "Lists the lessons with their length and your progress in each.",
                    group: .lessons) { shell, _ in
            shell.lessons.listing(width: shell.width, howToStart: "Type :lesson NAME or :lesson NUMBER to start one.")
        }
    }

    /// `:next`, `:back`, `:hint`, `:skip`, `:show`: outside a lesson they only say how to start one.
    static func inLesson(_ command: LessonCommand) -> MetaCommand {
        MetaCommand(command.rawValue, usage: ":\(command.rawValue)", "In a lesson: " + command.summary + ".", group: .lessons) { _, _ in
            [.info("no lesson is running; :lessons lists them, and :lesson NAME starts one")]
        }
    }
}
