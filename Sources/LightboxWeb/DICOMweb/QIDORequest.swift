import DICOM
import Foundation
import LightboxDomain

/// A QIDO-RS search (PS3.18 §10.6) read from its query parameters into the domain's ``ArchiveQuery``, the same
/// query a C-FIND identifier becomes, so both doors match alike (PS3.4 §C.2.2.2 through PS3.18 §8.3.4).
struct QIDORequest: Sendable, Equatable {
    var query: ArchiveQuery
    /// The attributes to return besides the level's defaults (`includefield`), or nil for `includefield=all`.
    var includeFields: Set<UInt32>?
    /// Warnings for the `Warning` header (PS3.18 §8.3.4.2: parameters accepted but not honoured).
    var warnings: [String]

    /// The default page size and the largest `limit` accepted (PS3.18 §8.3.4.4 lets the origin server cap it).
    static let defaultLimit = 1_000

    /// Reads the parameters of a search at `level`; `scope` holds the UIDs from the path (a study's series…).
    init(level: ArchiveQueryLevel, parameters: [(String, String)], scope: [UInt32: String]) throws(QIDOError) {
        var keys: [UInt32: ArchiveQueryKey] = [:]
        var sequenceItems: [UInt32: [ArchiveQueryKey]] = [:]
        var include: Set<UInt32>? = []
        var limit = Self.defaultLimit
        var offset = 0
        var warnings: [String] = []
        for (rawName, rawValue) in parameters {
            let name = rawName.trimmingCharacters(in: .whitespaces)
            switch name {
            case "limit":
                guard let value = Int(rawValue), value >= 1 else {
                    throw QIDOError(parameter: name, problem: "must be a whole number of 1 or more")
                }
                limit = min(value, QueryArchive.maximumLimit)
                if value > QueryArchive.maximumLimit {
                    warnings.append("limit \(value) exceeds the maximum; at most \(QueryArchive.maximumLimit) returned")
                }
            case "offset":
                guard let value = Int(rawValue), value >= 0 else {
                    throw QIDOError(parameter: name, problem: "must be a whole number of 0 or more")
                }
                offset = value
            case "includefield":
                for field in rawValue.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                    if field == "all" {
                        include = nil
                    } else {
                        guard let path = Self.attributePath(field), path.count == 1 else {
                            throw QIDOError(parameter: name, problem: "\"\(field)\" is not a DICOM attribute")
                        }
                        include?.insert(path[0].rawValue)
                    }
                }
            case "fuzzymatching":
                if rawValue.lowercased() == "true" {
                    warnings.append("fuzzymatching is not supported: names are matched as PS3.4 C.2.2.2 says")
                }
            default:
                guard let path = Self.attributePath(name) else {
                    throw QIDOError(parameter: name, problem: "is neither a DICOM attribute nor a QIDO-RS parameter")
                }
                let tag = path[path.count - 1]
                let kind = Self.kind(tag)
                // PS3.18 §8.3.4.1: UID lists (and code lists) may be separated by commas as well as backslashes.
                let listed = kind == .uid || DataDictionary.entry(for: tag)?.vr == .CS
                let value = listed ? rawValue.replacingOccurrences(of: ",", with: "\\") : rawValue
                let key: ArchiveQueryKey
                do {
                    key = try ArchiveQueryKey(
                        tag: tag.rawValue, kind: kind, value: value,
                        attribute: path.map(Self.name).joined(separator: "."))
                } catch let error as DomainError {
                    throw QIDOError(parameter: name, problem: error.fields.first?.problem ?? error.message)
                } catch {
                    throw QIDOError(parameter: name, problem: "\(error)")
                }
                if path.count == 2 {
                    sequenceItems[path[0].rawValue, default: []].append(key)
                } else if path.count == 1 {
                    keys[tag.rawValue] = key
                } else {
                    throw QIDOError(parameter: name, problem: "nested sequences are not matched")
                }
            }
        }
        for (sequence, items) in sequenceItems {
            keys[sequence] = ArchiveQueryKey(tag: sequence, match: .sequence(items))
        }
        for (tag, uid) in scope {
            keys[tag] = ArchiveQueryKey(tag: tag, match: .single(uid))
        }
        self.query = ArchiveQuery(
            level: level, keys: keys.values.sorted { $0.tag < $1.tag }, limit: limit, offset: offset)
        self.includeFields = include
        self.warnings = warnings
    }

    /// A keyword, an eight-digit hex tag, or a dotted path of them into a sequence's item (PS3.18 §8.3.4.1).
    static func attributePath(_ text: String) -> [Tag]? {
        var tags: [Tag] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            let name = String(part)
            if let entry = DataDictionary.entry(forKeyword: name) {
                tags.append(entry.tag)
            } else if name.count == 8, let raw = UInt32(name, radix: 16) {
                tags.append(Tag(rawValue: raw))
            } else {
                return nil
            }
        }
        return tags.isEmpty ? nil : tags
    }

    static func kind(_ tag: Tag) -> ArchiveValueKind {
        if let attribute = ArchiveAttributes.attribute(tag.rawValue) { return attribute.kind }
        switch DataDictionary.entry(for: tag)?.vr ?? .UN {
        case .PN: return .personName
        case .DA: return .date
        case .TM: return .time
        case .DT: return .dateTime
        case .UI: return .uid
        case .SQ: return .sequence
        case .AE, .CS, .LO, .SH, .LT, .ST, .UC, .UT, .UR: return .text
        default: return .exact
        }
    }

    static func name(_ tag: Tag) -> String { tag.keyword ?? tag.jsonKey }
}

/// A QIDO-RS parameter that cannot be honoured: 400 naming it (PS3.18 §8.3.4).
struct QIDOError: Error, Equatable {
    var parameter: String
    var problem: String
}
