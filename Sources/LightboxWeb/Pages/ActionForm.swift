import Foundation
import LightboxDomain

/// One step an exam page offers this person now (book, arrive, Pause and Check, start, complete,
/// image check, discharge, report, verify…): a form posted to the use case of that step. A step
/// that cannot be taken yet is shown closed, with the reason.
struct ActionForm: Sendable, Equatable {
    /// A group of checkboxes or radios (NHS design system "Checkboxes", "Radios").
    struct ChoiceGroup: Sendable, Equatable {
        struct Item: Sendable, Equatable {
            var id: String
            var value: String
            var label: String
            var checked: Bool
        }

        var id: String
        var name: String
        var legend: String
        var hint: String?
        var error: String?
        var type: String
        var items: [Item]

        init(
            _ name: String, legend: String, hint: String? = nil, radio: Bool = false, choices: [(String, String)],
            checked: Set<String>
        ) {
            id = "field-" + name.replacingOccurrences(of: ".", with: "-")
            self.name = name
            self.legend = legend
            self.hint = hint
            type = radio ? "radio" : "checkbox"
            items = choices.map { value, label in
                Item(
                    id: "field-" + name.replacingOccurrences(of: ".", with: "-") + "-" + value, value: value,
                    label: label, checked: checked.contains(value))
            }
            // The group's first control carries the id the error summary links to.
            if let first = items.first?.id { id = first }
        }
    }

    var id: String
    var title: String
    var intro: String?
    var action: String
    var button: String
    var buttonStyle: String
    var groups: [ChoiceGroup]
    var fields: [FormField]
    var closed: Bool
    var closedReason: String?
    var errorSummary: ErrorSummary?
    /// Items the page script counts before the button opens (Pause and Check), as `name:minimum`.
    var checklist: String?
    /// Text items the page script also needs filled before it calls the checklist complete, by name, comma-separated.
    var checklistFields: String?

    init(
        id: String, title: String, intro: String? = nil, action: String, button: String,
        buttonStyle: String = "", groups: [ChoiceGroup] = [], fields: [FormField] = [], closedReason: String? = nil,
        checklist: String? = nil
    ) {
        self.id = id
        self.title = title
        self.intro = intro
        self.action = action
        self.button = button
        self.buttonStyle = buttonStyle
        // Several steps can be on one page (re-book, did not attend, cancel): ids are kept apart by the step's.
        self.groups = groups.map { group in
            var group = group
            group.id = "\(id)-\(group.id)"
            group.items = group.items.map { item in
                var item = item
                item.id = "\(id)-\(item.id)"
                return item
            }
            return group
        }
        self.fields = fields.map { field in
            var field = field
            field.id = "\(id)-\(field.id)"
            return field
        }
        self.closed = closedReason != nil
        self.closedReason = closedReason
        self.errorSummary = nil
        self.checklist = checklist
    }

    /// Shows the use case's refusal on this form: each problem against its control when there is
    /// one, the rest (and the message) at the top of the summary.
    mutating func show(problems: [FieldProblem], message: String?) {
        var general: [String] = []
        for problem in problems {
            if let index = groups.firstIndex(where: { Self.covers($0.name, problem.field) }) {
                groups[index].error = Self.join(groups[index].error, problem.problem)
            } else if let index = fields.firstIndex(where: { Self.covers($0.name, problem.field) }) {
                fields[index].error = Self.join(fields[index].error, problem.problem)
            } else {
                general.append(Self.sentence(problem))
            }
        }
        if let message, !message.isEmpty, problems.isEmpty { general.insert(message, at: 0) }
        let groupItems = groups.compactMap { group in
            group.error.map { ErrorSummary.Item(href: "#" + group.id, message: "\(group.legend): \($0)") }
        }
        let fieldItems = fields.compactMap { field in
            field.error.map { ErrorSummary.Item(href: "#" + field.id, message: "\(field.label): \($0)") }
        }
        let items = general.map { ErrorSummary.Item(href: "#\(id)", message: $0) } + groupItems + fieldItems
        errorSummary = items.isEmpty ? nil : ErrorSummary(items: items)
    }

    static func covers(_ name: String, _ field: String) -> Bool {
        field == name || field.hasPrefix(name + ".") || field.hasPrefix(name + "[")
    }

    static func join(_ first: String?, _ second: String) -> String {
        first.map { "\($0); \(second)" } ?? second
    }

    /// "Anatomy side: the request is for the left side".
    static func sentence(_ problem: FieldProblem) -> String {
        let words = problem.field.split(whereSeparator: { ".[]".contains($0) }).map { part -> String in
            part.unicodeScalars.reduce(into: "") { text, scalar in
                if CharacterSet.uppercaseLetters.contains(scalar) { text += " " }
                text += String(scalar).lowercased()
            }
        }.joined(separator: " ")
        let label = words.prefix(1).uppercased() + words.dropFirst()
        return label.isEmpty ? problem.problem : "\(label): \(problem.problem)"
    }
}

extension ErrorSummary {
    init(title: String = "There is a problem", items: [Item]) {
        self.title = title
        self.items = items
    }
}
