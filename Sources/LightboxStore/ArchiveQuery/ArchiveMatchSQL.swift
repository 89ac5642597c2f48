import Foundation
import LightboxDomain
import SQLKit

/// The translation of PS3.4 §C.2.2.2 matching into SQL, the one place it is done (C-FIND, QIDO-RS and the retrieves
/// all come through here). Values are always bound, never spliced; only the column expressions of
/// ``ArchiveColumn``, which the store itself declares, are raw SQL.
///
/// Both engines answer alike: wildcards are `LIKE … ESCAPE` on PostgreSQL and `GLOB` on SQLite (whose `LIKE` would
/// ignore case). Person names are matched case-insensitively, as the conformance statement declares: their columns
/// hold the name upper-cased by Swift when indexed, and the query value is upper-cased the same way here, so every
/// script folds alike on both engines and the column's index serves the match.
enum ArchiveMatchSQL {
    /// The condition `match` puts on `column`; nil for universal matching (no condition).
    static func condition(_ match: AttributeMatch, on column: ArchiveColumn, engine: LightboxDatabase.Engine)
        -> SQLQueryString?
    {
        if match.isUniversal { return nil }
        switch column {
        case .value(let expression, let kind):
            return valueCondition(match, expression: expression, kind: kind, engine: engine)
        case .integer(let expression):
            return integerCondition(match, expression: expression)
        case .anyRow(let from, let inner):
            guard let condition = condition(match, on: inner, engine: engine) else { return nil }
            return "EXISTS (SELECT 1 FROM \(unsafeRaw: from) AND " + condition + ")"
        case .sequence(let from, let items):
            guard case .sequence(let keys) = match else { return nil }
            // Item keys the index does not hold are universal matching (PS3.4 §C.2.2.1.2).
            let conditions = keys.compactMap { key in
                items[key.tag].flatMap { condition(key.match, on: $0, engine: engine) }
            }
            guard !conditions.isEmpty else { return nil }
            let all = "(" + conditions.joined(separator: " AND ") + ")"
            guard let from else { return all }
            return "EXISTS (SELECT 1 FROM \(unsafeRaw: from) AND " + all + ")"
        }
    }

    private static func valueCondition(
        _ match: AttributeMatch, expression: String, kind: ArchiveValueKind, engine: LightboxDatabase.Engine
    ) -> SQLQueryString? {
        let folds = kind == .personName
        let subject: SQLQueryString = "\(unsafeRaw: expression)"
        switch match {
        case .universal, .sequence:
            // A sequence key on a column that is not a sequence cannot be matched: universal, per §C.2.2.1.2.
            return nil
        case .single(let value):
            return equals(subject, value, folds: folds)
        case .wildcard(let pattern):
            return wildcard(subject, pattern, folds: folds, engine: engine)
        case .anyOf(let values):
            if kind == .uid || kind == .exact || kind == .date || kind == .time || kind == .dateTime {
                let present = values.filter { !$0.isEmpty }
                var alternatives: [SQLQueryString] = []
                if !present.isEmpty { alternatives.append("\(subject) IN (\(binds: present))") }
                if present.count < values.count { alternatives.append(noValue(expression)) }
                return "(" + alternatives.joined(separator: " OR ") + ")"
            }
            let alternatives = values.map { value -> SQLQueryString in
                // An empty value among several asks for records without one (PS3.4 §C.2.2.2.8).
                if value.isEmpty { return noValue(expression) }
                if AttributeMatch.hasWildcard(value) {
                    return value.allSatisfy({ $0 == "*" })
                        ? "1 = 1" : wildcard(subject, value, folds: folds, engine: engine)
                }
                return equals(subject, value, folds: folds)
            }
            return "(" + alternatives.joined(separator: " OR ") + ")"
        case .range(let lower, let upper):
            // A record without a value matches no range (PS3.4 §C.2.2.2.5).
            var conditions: [SQLQueryString] = ["\(unsafeRaw: expression) <> ''"]
            if let lower { conditions.append("\(unsafeRaw: expression) >= \(bind: lower)") }
            if let upper {
                conditions.append("\(unsafeRaw: expression) <= \(bind: inclusiveUpperBound(upper, kind: kind))")
            }
            return "(" + conditions.joined(separator: " AND ") + ")"
        }
    }

    private static func noValue(_ expression: String) -> SQLQueryString {
        "(\(unsafeRaw: expression) IS NULL OR \(unsafeRaw: expression) = '')"
    }

    private static func integerCondition(_ match: AttributeMatch, expression: String) -> SQLQueryString? {
        let values: [String]
        switch match {
        case .single(let value), .wildcard(let value): values = [value]
        case .anyOf(let list): values = list
        case .universal, .range, .sequence: return nil
        }
        // A value that is no integer matches no record (IS values are integers, PS3.5 §6.2).
        let numbers = values.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !numbers.isEmpty else { return "1 = 0" }
        return "\(unsafeRaw: expression) IN (\(binds: numbers))"
    }

    private static func equals(_ subject: SQLQueryString, _ value: String, folds: Bool) -> SQLQueryString {
        subject + " = \(bind: folds ? value.uppercased() : value)"
    }

    private static func wildcard(
        _ subject: SQLQueryString, _ pattern: String, folds: Bool, engine: LightboxDatabase.Engine
    ) -> SQLQueryString {
        let translated: String
        let op: SQLQueryString
        switch engine {
        case .sqlite: (translated, op) = (globPattern(pattern), " GLOB ")
        case .postgres: (translated, op) = (likePattern(pattern), " LIKE ")
        }
        let bound: SQLQueryString = "\(bind: folds ? translated.uppercased() : translated)"
        let escape: SQLQueryString = engine == .postgres ? " ESCAPE '\\'" : ""
        return subject + op + bound + escape
    }

    /// `*` and `?` as LIKE's `%` and `_`; LIKE's own wildcards and its escape character taken literally.
    static func likePattern(_ pattern: String) -> String {
        var out = ""
        for character in pattern {
            switch character {
            case "*": out += "%"
            case "?": out += "_"
            case "%", "_", "\\": out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }

    /// GLOB takes `*` and `?` as DICOM does; its character classes are made literal (`[` as `[[]`).
    static func globPattern(_ pattern: String) -> String {
        var out = ""
        for character in pattern {
            if character == "[" { out += "[[]" } else { out.append(character) }
        }
        return out
    }

    /// A partial upper bound covers every later value it is the start of (PS3.4 §C.2.2.2.5), as the domain's
    /// reference meaning says.
    static func inclusiveUpperBound(_ upper: String, kind: ArchiveValueKind) -> String {
        AttributeMatch.paddedUpperBound(upper, kind: kind)
    }
}
