import Foundation

/// Strikes one patient's identifiers out of free text (the de-identified incident export): the family and given
/// names (whole words of three letters or more, any case), the NHS number (spaces or dashes between digits
/// allowed), hospital numbers and the date of birth (ISO and day/month/year), each replaced by `[patient]`.
public struct PatientRedaction {
    /// What replaces each identifier.
    public static let mark = "[patient]"

    let expressions: [NSRegularExpression]

    public init(_ patient: Patient) {
        var patterns: [String] = []
        for name in [patient.name.family] + patient.name.given where name.count >= 3 {
            patterns.append(
                #"(?<![\p{L}\p{N}])"# + NSRegularExpression.escapedPattern(for: name) + #"(?![\p{L}\p{N}])"#)
        }
        if let nhs = patient.nhsNumber {
            patterns.append(nhs.digits.map(String.init).joined(separator: #"[\s-]*"#))
        }
        for number in patient.hospitalNumbers where number.value.count >= 2 {
            patterns.append(NSRegularExpression.escapedPattern(for: number.value))
        }
        if let born = patient.dateOfBirth {
            patterns.append(NSRegularExpression.escapedPattern(for: born.iso))
            patterns.append("0?\(born.day)[/.-]0?\(born.month)[/.-]\(born.year)")
        }
        expressions = patterns.compactMap { try? NSRegularExpression(pattern: $0, options: [.caseInsensitive]) }
    }

    /// `text` with every identifier replaced.
    public func callAsFunction(_ text: String) -> String {
        expressions.reduce(text) { text, expression in
            expression.stringByReplacingMatches(
                in: text, range: NSRange(text.startIndex..., in: text), withTemplate: Self.mark)
        }
    }
}
