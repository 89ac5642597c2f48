import DICOM
import Foundation

/// Times DICOMReader over a list of files: every run reads every file from disk in this one process.
/// Usage: dicom-parse-bench --list FILE [--no-pixel-data] [--runs N] [--warmup N]
/// Prints one JSON object: files, bytes, per-run seconds, best/median, files/s and MB/s of the median run.
@main
struct ParseBenchmark {
    struct Arguments {
        var listPath = ""
        var stopBeforePixelData = false
        var runs = 5
        var warmup = 1
    }

    enum BenchmarkError: Error, CustomStringConvertible {
        case usage(String)
        var description: String {
            switch self {
            case .usage(let message):
                "\(message)\nusage: dicom-parse-bench --list FILE [--no-pixel-data] [--runs N] [--warmup N]"
            }
        }
    }

    static func main() {
        do {
            try run(parse(Array(CommandLine.arguments.dropFirst())))
        } catch {
            FileHandle.standardError.write(Data("dicom-parse-bench: \(error)\n".utf8))
            exit(2)
        }
    }

    static func parse(_ arguments: [String]) throws -> Arguments {
        var result = Arguments()
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--list":
                guard let value = iterator.next() else { throw BenchmarkError.usage("--list needs a file") }
                result.listPath = value
            case "--no-pixel-data":
                result.stopBeforePixelData = true
            case "--runs", "--warmup":
                guard let value = iterator.next(), let count = Int(value), count >= 0 else {
                    throw BenchmarkError.usage("\(argument) needs a count")
                }
                if argument == "--runs" { result.runs = max(1, count) } else { result.warmup = count }
            default:
                throw BenchmarkError.usage("unknown argument \(argument)")
            }
        }
        guard !result.listPath.isEmpty else { throw BenchmarkError.usage("--list is required") }
        return result
    }

    static func run(_ arguments: Arguments) throws {
        let paths = try String(contentsOfFile: arguments.listPath, encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        var bytes = 0
        for path in paths {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            bytes += (attributes[.size] as? Int) ?? 0
        }
        let reader = DICOMReader(options: .init(stopBefore: arguments.stopBeforePixelData ? .pixelData : nil))
        var failures: [String] = []
        for _ in 0..<arguments.warmup {
            failures = pass(reader, paths)
        }
        let clock = ContinuousClock()
        var seconds: [Double] = []
        var elementCount = 0
        for _ in 0..<arguments.runs {
            var elements = 0
            let duration = clock.measure {
                for path in paths {
                    // Counting elements keeps the optimiser from discarding the parsed data set.
                    if let file = try? reader.read(contentsOf: path) { elements += file.dataSet.count }
                }
            }
            elementCount = elements
            seconds.append(Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
        }
        if failures.isEmpty { failures = pass(reader, paths) }
        let sorted = seconds.sorted()
        let median = sorted[sorted.count / 2]
        let report: [String: Any] = [
            "tool": "lightbox DICOMReader",
            "mode": arguments.stopBeforePixelData ? "stopBefore: .pixelData" : "whole file",
            "files": paths.count,
            "bytes": bytes,
            "runs": seconds,
            "best_s": sorted[0],
            "median_s": median,
            "files_per_s": Double(paths.count) / median,
            "mb_per_s": Double(bytes) / 1e6 / median,
            "top_level_elements": elementCount,
            "failures": failures,
        ]
        let json = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }

    /// One untimed pass; returns the files the reader refused with their errors.
    static func pass(_ reader: DICOMReader, _ paths: [String]) -> [String] {
        var failures: [String] = []
        for path in paths {
            do { _ = try reader.read(contentsOf: path) } catch { failures.append("\(path): \(error)") }
        }
        return failures
    }
}
