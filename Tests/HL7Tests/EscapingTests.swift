import Foundation
import Testing

@testable import HL7

@Suite struct EscapingTests {
    let enc = EncodingCharacters.standard

    func un(_ s: String, strict: Bool = false) throws -> String {
        String(decoding: try Escaping.unescape(ArraySlice(s.utf8), encoding: enc, strict: strict), as: UTF8.self)
    }

    @Test func delimiters() throws {
        #expect(try un("a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f") == "a|b^c&d~e\\f")
        #expect(
            String(decoding: Escaping.escape(Array("a|b^c&d~e\\f".utf8), encoding: enc), as: UTF8.self)
                == "a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f")
    }

    @Test func hexAndFormatting() throws {
        #expect(try un("\\X41\\\\X4243\\") == "ABC")
        #expect(try un("line1\\.br\\line2") == "line1\nline2")
        #expect(try un("a\\.sp 2\\b") == "a\n\nb")
        #expect(try un("\\H\\bold\\N\\ plain") == "bold plain")
        #expect(try un("x\\.in +4\\y\\.ti -2\\z") == "xyz")
        #expect(try un("\\Zlocal\\") == "\\Zlocal\\")
        #expect(try un("\\C2842\\x") == "\\C2842\\x")
    }

    @Test func malformedEscapes() throws {
        #expect(try un("a\\Fb") == "a\\Fb", "unterminated kept as text when lenient")
        #expect(try un("\\Q\\") == "\\Q\\")
        #expect(try un("\\X4\\") == "\\X4\\")
        for bad in ["a\\Fb", "\\Q\\", "\\X4\\", "\\XZZ\\", "\\.zz\\"] {
            #expect {
                try un(bad, strict: true)
            } throws: { ($0 as? HL7Error)?.code == .badEscape }
        }
    }

    @Test func lineBreaksAreEscapedOnOutput() {
        #expect(Escaping.escape("a\r\nb\nc\rd") == "a\\.br\\b\\.br\\c\\.br\\d")
    }

    @Test func truncationCharacter() throws {
        let e27 = EncodingCharacters(
            field: 124, component: 94, repetition: 126, escape: 92, subcomponent: 38, truncation: 35)
        #expect(String(decoding: Escaping.escape(Array("a#b".utf8), encoding: e27), as: UTF8.self) == "a\\P\\b")
        #expect(
            String(decoding: try Escaping.unescape(ArraySlice("a\\P\\b".utf8), encoding: e27), as: UTF8.self) == "a#b")
    }

    /// Golden pairs transcribed from python-hl7's own tests (corpus `escape_vectors.tsv`).
    @Test func corpusEscapeVectors() throws {
        let corpus = try Corpus.load()
        let entry = try #require(corpus.entries.first { $0.path.hasSuffix("escape_vectors.tsv") })
        let text = String(decoding: try corpus.bytes(entry), as: UTF8.self)
        var checked = 0
        for line in text.split(separator: "\n").dropFirst() {
            let cols = line.split(separator: "\t", maxSplits: 1).map(String.init)
            guard cols.count == 2 else { continue }
            let escaped = cols[0]
            let expected = cols[1]
            let ours = try un(escaped)
            if escaped.hasPrefix("\\H\\") {
                // python-hl7 renders highlighting as _text_; a plain value drops the markers.
                #expect(ours == "text")
            } else if expected.contains("(hex-escaped latin-1 bytes)") {
                let bytes = try Escaping.unescape(ArraySlice(escaped.utf8), encoding: enc)
                #expect(HL7CharacterSet.iso8859_1.decode(bytes) == String(expected.split(separator: " ")[0]))
            } else {
                #expect(ours == (expected == "four spaces" ? "    " : expected), "\(escaped)")
                if escaped.count == 3 {
                    #expect(
                        String(decoding: Escaping.escape(Array(expected.utf8), encoding: enc), as: UTF8.self) == escaped
                    )
                }
            }
            checked += 1
        }
        #expect(checked >= 8)
    }
}
