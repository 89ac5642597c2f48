import Foundation

/// One labelled control of a form, with its value, hint and error (NHS design system "Text input",
/// "Select", "Textarea": the error shown above the control and linked from the error summary).
struct FormField: Sendable, Equatable {
    struct Option: Sendable, Equatable {
        var value: String
        var label: String
        var selected: Bool
    }

    var id: String
    var name: String
    var label: String
    var value: String
    var hint: String?
    var error: String?
    /// `text`, `password`, `date`, `datetime-local`, `number`, `search`.
    var type: String
    /// The autofill hint (`username`, `current-password`); none for clinical fields.
    var autocomplete: String?
    /// Set for a select: the choices.
    var options: [Option]?
    /// Set for a multi-line text box.
    var multiline: Bool
    var width: String
    var isSelect: Bool
    var isInput: Bool

    init(
        _ name: String, label: String, value: String? = nil, hint: String? = nil, error: String? = nil,
        type: String = "text", autocomplete: String? = nil, options: [Option]? = nil, multiline: Bool = false,
        width: String = "full"
    ) {
        self.id = "field-" + name.replacingOccurrences(of: ".", with: "-")
        self.name = name
        self.label = label
        self.value = value ?? ""
        self.hint = hint
        self.error = error
        self.type = type
        self.autocomplete = autocomplete
        self.options = options
        self.multiline = multiline
        self.width = width
        self.isSelect = options != nil
        self.isInput = options == nil && !multiline
    }

    /// A select whose options are `choices` (value, label), with `value` selected.
    static func select(
        _ name: String, label: String, choices: [(String, String)], value: String?, hint: String? = nil,
        error: String? = nil
    ) -> FormField {
        FormField(
            name, label: label, value: value, hint: hint, error: error,
            options: choices.map { Option(value: $0.0, label: $0.1, selected: $0.0 == value) })
    }
}

/// The error summary at the top of a form (NHS design system "Error summary"): one link per wrong
/// field, to that field.
struct ErrorSummary: Sendable, Equatable {
    struct Item: Sendable, Equatable {
        var href: String
        var message: String
    }

    var title: String
    var items: [Item]

    /// The summary of `fields`' errors, plus `general` problems that belong to no field.
    init?(title: String = "There is a problem", fields: [FormField], general: [String] = []) {
        let items =
            general.map { Item(href: "#main-content", message: $0) }
            + fields.compactMap { field in field.error.map { Item(href: "#" + field.id, message: $0) } }
        guard !items.isEmpty else { return nil }
        self.title = title
        self.items = items
    }
}
