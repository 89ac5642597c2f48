import DICOM
import NIOCore

/// Query keys written as dcmtk's `findscu -k` takes them (PS3.4 C.2.2.1 for what a key means):
/// `Keyword=Value`, `gggg,eeee=Value`, `Keyword` (a return key: empty value), and sequence paths
/// `ScheduledProcedureStepSequence[0].Modality=CT` (the index defaults to 0).
public enum QueryKeys {
    /// One step of a key path.
    struct Component: Equatable {
        var tag: Tag
        var index: Int?
    }

    /// Applies each key to `dataSet` (later keys override earlier ones, as in findscu).
    public static func apply(_ keys: [String], to dataSet: inout DataSet) throws {
        for key in keys {
            let (path, value) = try parse(key)
            try apply(path[...], value: value, to: &dataSet, key: key)
        }
    }

    /// Builds an identifier from keys, optionally on top of a query file's data set.
    public static func identifier(keys: [String], base: DataSet = DataSet()) throws -> DataSet {
        var dataSet = base
        try apply(keys, to: &dataSet)
        return dataSet
    }

    static func parse(_ key: String) throws -> ([Component], String?) {
        let parts = key.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let pathText = String(parts[0]).trimmingSpacesAndNulls()
        let value = parts.count > 1 ? String(parts[1]) : nil
        guard !pathText.isEmpty else { throw DICOMNetworkError(.invalidQueryKey, "empty key in \"\(key)\"") }
        var components: [Component] = []
        for raw in pathText.split(separator: ".", omittingEmptySubsequences: false) {
            var name = Substring(raw)
            var index: Int?
            if let open = name.firstIndex(of: "[") {
                guard name.last == "]", let i = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]),
                    i >= 0, i < 10_000
                else {
                    throw DICOMNetworkError(.invalidQueryKey, "bad item index in \"\(raw)\" of \"\(key)\"")
                }
                index = i
                name = name[..<open]
            }
            guard let tag = tag(String(name)) else {
                throw DICOMNetworkError(.invalidQueryKey, "unknown attribute \"\(name)\" in \"\(key)\"")
            }
            components.append(Component(tag: tag, index: index))
        }
        return (components, value)
    }

    static func tag(_ name: String) -> Tag? {
        if let tag = Tag(keyword: name) { return tag }
        // gggg,eeee or (gggg,eeee)
        let hex = name.filter { $0 != "(" && $0 != ")" }
        let pieces = hex.split(separator: ",")
        guard pieces.count == 2, pieces.allSatisfy({ $0.count == 4 && $0.allSatisfy(\.isHexDigit) }),
            let g = UInt16(pieces[0], radix: 16), let e = UInt16(pieces[1], radix: 16)
        else { return nil }
        return Tag(g, e)
    }

    private static func apply(_ path: ArraySlice<Component>, value: String?, to dataSet: inout DataSet, key: String)
        throws
    {
        guard let first = path.first else { return }
        let vr = DataDictionary.entry(for: first.tag)?.vr ?? .UN
        if path.count == 1 && first.index == nil {
            if vr == .SQ {
                guard value?.isEmpty ?? true else {
                    throw DICOMNetworkError(.invalidQueryKey, "sequence \(first.tag) cannot take a value in \"\(key)\"")
                }
                // A bare sequence key asks for the sequence back (universal matching).
                if dataSet.sequence(first.tag) == nil { dataSet.set(first.tag, sequence: []) }
                return
            }
            try setLeaf(first.tag, vr: vr, value: value ?? "", in: &dataSet, key: key)
            return
        }
        guard vr == .SQ || vr == .UN else {
            throw DICOMNetworkError(.invalidQueryKey, "\(first.tag) is not a sequence in \"\(key)\"")
        }
        var items = dataSet.sequence(first.tag) ?? []
        let index = first.index ?? 0
        while items.count <= index { items.append(DataSet(characterSet: dataSet.characterSet)) }
        try apply(path.dropFirst(), value: value, to: &items[index], key: key)
        dataSet.set(first.tag, sequence: items)
    }

    private static func setLeaf(_ tag: Tag, vr: VR, value: String, in dataSet: inout DataSet, key: String) throws {
        do {
            if value.isEmpty {
                dataSet.insert(DataElement(tag: tag, vr: vr, bytes: ByteBuffer()))
            } else if vr.isString {
                try dataSet.set(
                    tag, vr: vr,
                    strings: value.split(separator: "\\", omittingEmptySubsequences: false).map(String.init))
            } else if [.US, .SS, .UL, .SL, .SV, .UV].contains(vr) {
                let numbers = try value.split(separator: "\\").map { text -> Int in
                    guard let n = Int(text) else {
                        throw DICOMNetworkError(.invalidQueryKey, "\"\(text)\" is not an integer in \"\(key)\"")
                    }
                    return n
                }
                try dataSet.set(tag, vr: vr, ints: numbers)
            } else if [.FL, .FD].contains(vr) {
                let numbers = try value.split(separator: "\\").map { text -> Double in
                    guard let n = Double(text) else {
                        throw DICOMNetworkError(.invalidQueryKey, "\"\(text)\" is not a number in \"\(key)\"")
                    }
                    return n
                }
                try dataSet.set(tag, vr: vr, doubles: numbers)
            } else {
                throw DICOMNetworkError(
                    .invalidQueryKey, "\(vr.rawValue) values cannot be given on the command line (\"\(key)\")")
            }
        } catch let error as DICOMNetworkError {
            throw error
        } catch {
            throw DICOMNetworkError(.invalidQueryKey, "\"\(key)\": \(error)")
        }
    }
}
