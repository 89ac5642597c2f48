import Foundation
import NIOCore
import Testing

@testable import DICOM

@Suite("Write round trip")
struct RoundTripTests {
    @Test("every valid file survives read → write → read")
    func everyValidFileRoundTrips() throws {
        let corpus = try Corpus.load()
        let entries = corpus.entries(in: ["valid"])
        #expect(entries.count > 150)
        for entry in entries {
            do {
                let original = try DICOMReader().read(contentsOf: corpus.url(entry).path)
                // Big endian is read only; such files are written as explicit VR little endian.
                var copy = original
                if !original.transferSyntax.isLittleEndian { copy.transferSyntax = .explicitVRLittleEndian }
                let written = try DICOMWriter().write(copy)
                let reread = try DICOMReader().read(written)
                let differences = DataSetDifference.between(original.dataSet, reread.dataSet)
                for difference in differences.prefix(3) { Issue.record("\(entry.path): \(difference)") }
                #expect(reread.transferSyntax.uid == copy.transferSyntax.uid, "\(entry.path)")
            } catch {
                Issue.record("\(entry.path): \(error)")
            }
        }
    }
}

/// Differences between two data sets that a faithful rewrite must not have. Padding added to odd-length
/// values and recomputed group lengths are allowed (PS3.5 §6.2, §7.2).
enum DataSetDifference {
    static func between(_ a: DataSet, _ b: DataSet, path: String = "") -> [String] {
        var result: [String] = []
        if a.tags != b.tags {
            let missing = Set(a.tags).subtracting(b.tags).sorted().prefix(3)
            let extra = Set(b.tags).subtracting(a.tags).sorted().prefix(3)
            result.append("\(path) tags differ: missing \(Array(missing)), extra \(Array(extra))")
            return result
        }
        for (x, y) in zip(a.elements, b.elements) {
            let here = path + x.tag.description
            if x.tag.isGroupLength { continue }
            if x.vr != y.vr { result.append("\(here) VR \(x.vr.rawValue) became \(y.vr.rawValue)") }
            switch (x.value, y.value) {
            case (.bytes(let p), .bytes(let q)):
                if !samePadded(Array(p.readableBytesView), Array(q.readableBytesView)) {
                    result.append("\(here) value differs (\(p.readableBytes) vs \(q.readableBytes) bytes)")
                }
            case (.sequence(let p), .sequence(let q)):
                if p.count != q.count {
                    result.append("\(here) \(p.count) items became \(q.count)")
                } else {
                    for (index, (i, j)) in zip(p, q).enumerated() {
                        result += between(i, j, path: "\(here)[\(index)]")
                    }
                }
            case (.fragments(let p), .fragments(let q)):
                if p.fragments.count != q.fragments.count
                    || !samePadded(
                        Array(p.basicOffsetTable.readableBytesView), Array(q.basicOffsetTable.readableBytesView))
                    || zip(p.fragments, q.fragments).contains(where: {
                        !samePadded(Array($0.readableBytesView), Array($1.readableBytesView))
                    })
                {
                    result.append("\(here) fragments differ")
                }
            default:
                result.append("\(here) value kind changed")
            }
        }
        return result
    }

    private static func samePadded(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        if a == b { return true }
        if a.count % 2 == 1 && b.count == a.count + 1 { return Array(b.prefix(a.count)) == a }
        return false
    }
}
