import Derivation
import LessonKit
import VectorLang

extension Launcher {
    /// `jacobi drill [TOPIC] [--seed N] [--slip KIND] [--format text|json] [--answers]`: on a terminal, the
    /// REPL with the drill started; on a pipe, the drill with standard input's lines as the learner's
    /// answers; with `--format json` or `--answers`, the drill printed and no questions asked.
    public static func drill(_ request: DrillRequest, json: Bool, answers: Bool, options: ShellOptions) -> Int32 {
        let drill: Drill
        do {
            drill = try request.make()
        } catch {
            complain(error.message)
            return 2
        }
        if json || answers {
            Terminal.writeOut(TerminalText.shown(json ? drill.json(answers: answers) : drill.text(answers: answers)) + "\n")
            return 0
        }
        let shell = ShellSession(options: options)
        shell.textWidth = Terminal.textWidth
        let palette = Palette(enabled: Terminal.colorAllowed(requested: options.color))
        guard Terminal.standardInputIsTerminal else {
            return LessonPipe(shell: shell, palette: palette).run { shell.lessons.start(.drill(drill), next: nil, in: shell) }
        }
        let command = ":drill \(drill.topic) --seed \(drill.seed)" + (request.wrt.map { " wrt \($0)" } ?? "")
            + (request.slip.map { " --slip \($0.rawValue)" } ?? "")
        return interactive(shell, options: options, first: command)
    }
}
