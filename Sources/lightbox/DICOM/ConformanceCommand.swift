import ArgumentParser
import Foundation
import LightboxDICOM
import LightboxServer

/// `lightbox dicom conformance [DOCUMENT] [--check]`: the tables of the DICOM Conformance Statement
/// (PS3.2), generated from the services the listener registers (see ``ConformanceStatement``).
struct ConformanceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conformance",
        abstract: "Generate the DICOM Conformance Statement's tables from the listener's own services.",
        discussion: """
            With a document (docs/dicom-conformance.md), the text between each pair of \
            `<!-- generated:NAME … -->` markers is replaced and the prose around it is kept; with --check the \
            document is only compared and the command exits 1 naming each section that differs. Without a \
            document the generated sections are printed. The shipped defaults are described unless --configured \
            is given (then this installation's flags, environment and configuration file count).
            """)

    @Argument(help: "The Markdown document holding the generated sections' markers.")
    var document: String?

    @Flag(name: .long, help: "Compare only: exit 1 when the document differs from the code.")
    var check = false

    @Flag(name: .long, help: "Describe this installation's configuration instead of the shipped defaults.")
    var configured = false

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let configuration = configured ? try ConfigurationLoader().load(store.flags) : ServerConfiguration()
        let statement = try await LightboxServer.conformanceStatement(
            configuration, logger: LightboxServer.makeLogger(level: .warning))
        guard let document else {
            for section in statement.sections {
                print("<!-- generated:\(section.name) -->\n\(section.markdown)\n")
            }
            return
        }
        let text = try String(contentsOfFile: document, encoding: .utf8)
        if check {
            let outdated = statement.outdatedSections(in: text)
            guard outdated.isEmpty else {
                FileHandle.standardError.write(
                    Data(
                        ("\(document) differs from the code in: \(outdated.joined(separator: ", ")). "
                            + "Run `lightbox dicom conformance \(document)` to regenerate it.\n").utf8))
                throw ExitCode(1)
            }
            print("\(document) says what the code does.")
            return
        }
        let updated: String
        do {
            updated = try statement.update(text)
        } catch let error as ConformanceStatement.MissingSection {
            throw ValidationError("\(document): \(error.description)")
        }
        try updated.write(toFile: document, atomically: true, encoding: .utf8)
        print("\(document): \(statement.sections.count) generated sections written.")
    }
}
