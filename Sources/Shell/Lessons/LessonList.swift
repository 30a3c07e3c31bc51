import LessonKit
import VectorLang

/// The `:lessons` and `jacobi lessons` listing: number, name, title, minutes and progress, one lesson
/// a line, the title cut to fit the width.
///
/// Names and titles are shown safely (`TerminalText.shown`) before the columns are measured, so a
/// control character in either takes the room it is shown in.
enum LessonList {
    static func lines(_ library: LessonLibrary, progress: [String: LessonProgress], width: Int, howToStart: String) -> [StyledLine] {
        guard !library.lessons.isEmpty else { return [StyledLine("no lessons found", .notice)] }
        let rows = library.lessons.map { lesson in
            (number: lesson.number.map(String.init) ?? "", name: TerminalText.shown(lesson.name), title: TerminalText.shown(lesson.title),
             minutes: "\(lesson.minutes) min", status: progress[lesson.name].map(\.description) ?? "not started")
        }
        let numberWidth = rows.map(\.number.count).max() ?? 0
        let nameWidth = rows.map(\.name.count).max() ?? 0
        let minutesWidth = rows.map(\.minutes.count).max() ?? 0
        let statusWidth = rows.map(\.status.count).max() ?? 0
        let fixed = 2 + numberWidth + 2 + nameWidth + 2 + 2 + minutesWidth + 2 + statusWidth
        let titleWidth = max(min(rows.map(\.title.count).max() ?? 0, width - fixed), 12)
        var lines = [StyledLine("Lessons", .strong)]
        for row in rows {
            let statusRole: StyledLine.Role = row.status == "complete" ? .good : row.status == "not started" ? .dim : .notice
            lines.append(StyledLine([
                StyledLine.Span("  " + pad(row.number, numberWidth, right: true) + "  ", .dim),
                StyledLine.Span(pad(row.name, nameWidth), .prompt),
                StyledLine.Span("  " + pad(cut(row.title, titleWidth), titleWidth) + "  "),
                StyledLine.Span(pad(row.minutes, minutesWidth, right: true) + "  ", .dim),
                StyledLine.Span(row.status, statusRole),
            ]))
        }
        let drills = DrillTally.byTopic(progress)
        if !drills.isEmpty {
            lines.append(StyledLine("Drills (find the error; :drill TOPIC)", .strong))
            let topicWidth = drills.map { TerminalText.shown($0.topic).count }.max() ?? 0
            for tally in drills {
                lines.append(StyledLine([StyledLine.Span("  " + pad(TerminalText.shown(tally.topic), topicWidth) + "  ", .prompt),
                                         StyledLine.Span(tally.description, tally.unfinished == 0 ? .good : .notice)]))
            }
        }
        return lines + [StyledLine(howToStart, .dim)]
    }

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let space = String(repeating: " ", count: max(width - text.count, 0))
        return right ? space + text : text + space
    }

    static func cut(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(width - 1, 0))) + "…"
    }
}
