extension AttributeMatch {
    /// The reference meaning of the match for one stored value (PS3.4 §C.2.2.2), for stores that filter in memory
    /// and for checking the SQL translation: a stored multi-valued attribute matches when any of its values does.
    /// Sequence keys are matched by the caller, item by item.
    public func matches(_ stored: String?, kind: ArchiveValueKind) -> Bool {
        let values = (stored ?? "").split(separator: "\\", omittingEmptySubsequences: false).map(String.init)
        return values.contains { matchesOne($0, kind: kind) }
    }

    private func matchesOne(_ stored: String, kind: ArchiveValueKind) -> Bool {
        let folds = kind == .personName
        let value = folds ? stored.uppercased() : stored
        switch self {
        case .universal, .sequence: return true
        case .single(let wanted):
            return value == (folds ? wanted.uppercased() : wanted)
        case .wildcard(let pattern):
            return Self.glob(Array(folds ? pattern.uppercased() : pattern), Array(value))
        case .anyOf(let alternatives):
            return alternatives.contains { alternative in
                if alternative.isEmpty { return stored.isEmpty }
                let wanted = folds ? alternative.uppercased() : alternative
                if kind != .uid && kind != .exact && Self.hasWildcard(alternative) {
                    return Self.glob(Array(wanted), Array(value))
                }
                return value == wanted
            }
        case .range(let lower, let upper):
            guard !stored.isEmpty else { return false }
            if let lower, stored < lower { return false }
            if let upper, stored > Self.paddedUpperBound(upper, kind: kind) { return false }
            return true
        }
    }

    /// `*` any run, `?` one character; everything else literal.
    private static func glob(_ pattern: [Character], _ text: [Character]) -> Bool {
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < pattern.count && (pattern[p] == "?" || pattern[p] == text[t]) {
                p += 1
                t += 1
            } else if p < pattern.count && pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// A partial upper bound covers every value it is the start of (`-1300` includes 13:00:59): the missing digits
    /// become 9s, which sort after any digit stored there.
    public static func paddedUpperBound(_ upper: String, kind: ArchiveValueKind) -> String {
        let template: String
        switch kind {
        case .time: template = "999999.999999"
        case .dateTime: template = "99999999999999.999999"
        default: return upper
        }
        guard upper.count < template.count else { return upper }
        return upper + template.dropFirst(upper.count)
    }
}
