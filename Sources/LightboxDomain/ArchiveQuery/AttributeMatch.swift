/// How one attribute of a query is matched, PS3.4 §C.2.2.2. Built by ``init(parsing:kind:attribute:)`` from the
/// value a C-FIND identifier or a QIDO-RS parameter carries; the store translates it to SQL in one place.
public enum AttributeMatch: Sendable, Codable, Equatable, Hashable {
    /// Universal matching (a zero-length value, or only `*`): every record matches; a return key only,
    /// PS3.4 §C.2.2.2.3.
    case universal
    /// Single value matching, PS3.4 §C.2.2.2.1.
    case single(String)
    /// Wild card matching with `*` (any run of characters, none included) and `?` (one character),
    /// PS3.4 §C.2.2.2.4.
    case wildcard(String)
    /// List of UID matching (PS3.4 §C.2.2.2.2) and multiple value matching (§C.2.2.2.8): any value matches; a
    /// value may itself hold wildcards where the attribute takes them.
    case anyOf([String])
    /// Range matching of dates, times and date-times, PS3.4 §C.2.2.2.5: inclusive bounds, either may be open.
    case range(lower: String?, upper: String?)
    /// Sequence matching, PS3.4 §C.2.2.2.6: the keys of the one item of the query's sequence; an item matches
    /// when every key matches. No keys (an empty sequence or an empty item) is universal matching.
    case sequence([ArchiveQueryKey])

    /// Whether this key selects records or only asks for the attribute back.
    public var isUniversal: Bool {
        switch self {
        case .universal: true
        case .sequence(let keys): keys.allSatisfy(\.match.isUniversal)
        default: false
        }
    }

    /// Parses a value by the rules of PS3.4 §C.2.2.2 for an attribute of `kind`; `attribute` names it in errors.
    /// Leading and trailing spaces are not significant (PS3.5 §6.2), nor are a UID's trailing NULs.
    public init(parsing raw: String, kind: ArchiveValueKind, attribute: String) throws {
        let value = raw.trimmingPaddingForMatching
        guard !value.isEmpty else {
            self = .universal
            return
        }
        switch kind {
        case .sequence:
            throw Self.invalid(attribute, "is a sequence: it is matched by the keys of its item, not by a value")
        case .uid:
            let uids = value.split(separator: "\\", omittingEmptySubsequences: false).map {
                String($0).trimmingPaddingForMatching
            }
            for uid in uids where !Self.isValidUID(uid) {
                throw Self.invalid(
                    attribute,
                    "\"\(uid)\" is not a UID (digits and dots, at most 64 characters; UIDs take no wildcards)")
            }
            self = uids.count == 1 ? .single(uids[0]) : .anyOf(uids)
        case .date, .time, .dateTime:
            if value.allSatisfy({ $0 == "*" }) {
                self = .universal
                return
            }
            self = try Self.parseTemporal(value, kind: kind, attribute: attribute)
        case .text, .personName, .exact:
            if value.allSatisfy({ $0 == "*" }) {
                self = .universal
                return
            }
            let values = value.split(separator: "\\", omittingEmptySubsequences: false).map {
                String($0).trimmingPaddingForMatching
            }
            if values.count > 1 {
                self = .anyOf(values)
            } else if kind != .exact && Self.hasWildcard(value) {
                self = .wildcard(value)
            } else {
                self = .single(value)
            }
        }
    }

    /// Whether a value holds `*` or `?`, the wildcards of PS3.4 §C.2.2.2.4.
    public static func hasWildcard(_ value: String) -> Bool {
        value.contains("*") || value.contains("?")
    }

    /// PS3.5 §9.1: digits and dots, components without leading zeros, at most 64 characters.
    public static func isValidUID(_ uid: String) -> Bool {
        guard !uid.isEmpty, uid.utf8.count <= 64, uid.first != ".", uid.last != "." else { return false }
        for component in uid.split(separator: ".", omittingEmptySubsequences: false) {
            guard !component.isEmpty, component.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            if component.count > 1 && component.first == "0" { return false }
        }
        return true
    }

    private static func parseTemporal(_ value: String, kind: ArchiveValueKind, attribute: String) throws
        -> AttributeMatch
    {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1:
            try validate(value, kind: kind, attribute: attribute)
            return .single(value)
        case 2:
            let lower = parts[0].isEmpty ? nil : parts[0]
            let upper = parts[1].isEmpty ? nil : parts[1]
            guard lower != nil || upper != nil else {
                throw invalid(attribute, "\"-\" is a range with neither bound")
            }
            for bound in [lower, upper].compactMap({ $0 }) { try validate(bound, kind: kind, attribute: attribute) }
            return .range(lower: lower, upper: upper)
        default:
            throw invalid(attribute, "\"\(value)\" is neither one value nor one range (\"from-to\")")
        }
    }

    private static func validate(_ value: String, kind: ArchiveValueKind, attribute: String) throws {
        let valid: Bool
        switch kind {
        case .date: valid = value.count == 8 && value.allSatisfy { $0.isASCII && $0.isNumber }
        case .time: valid = isTime(Substring(value))
        default:
            // DT: YYYY[MM[DD[HH[MM[SS[.F{1,6}]]]]]], an offset from UTC not taken in a query.
            let whole = value.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            let digits = whole[0]
            valid =
                [4, 6, 8, 10, 12, 14].contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
                && (whole.count == 1 || (digits.count == 14 && isFraction(whole[1])))
        }
        guard valid else {
            let form =
                switch kind {
                case .date: "YYYYMMDD"
                case .time: "HH, HHMM, HHMMSS or HHMMSS.FFFFFF"
                default: "YYYY[MM[DD[HH[MM[SS[.FFFFFF]]]]]]"
                }
            throw invalid(attribute, "\"\(value)\" is not a value of the form \(form)")
        }
    }

    private static func isTime(_ value: Substring) -> Bool {
        let whole = value.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let digits = whole[0]
        return [2, 4, 6].contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
            && (whole.count == 1 || (digits.count == 6 && isFraction(whole[1])))
    }

    private static func isFraction(_ text: Substring) -> Bool {
        (1...6).contains(text.count) && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static func invalid(_ attribute: String, _ problem: String) -> DomainError {
        DomainError(
            .validationFailed, "The query key \(attribute) cannot be matched: \(problem).",
            fields: [FieldProblem(attribute, problem)])
    }
}

extension String {
    /// Without the spaces that pad DICOM string values and the NULs that pad UIDs.
    var trimmingPaddingForMatching: String {
        var scalars = Substring(self)
        while let last = scalars.last, last == " " || last == "\0" { scalars.removeLast() }
        while let first = scalars.first, first == " " { scalars.removeFirst() }
        return String(scalars)
    }
}
