import Foundation

/// Shell-style globs over relative paths: `*` and `?` within a folder name, `[…]` classes, `**` for any
/// number of folders.
enum Glob {
    static func isPattern(_ path: String) -> Bool {
        path.contains { "*?[".contains($0) }
    }

    /// The fixed folder before the first pattern component, and the pattern relative to it.
    static func split(_ path: String) -> (base: String, pattern: String) {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        let fixed = components.prefix { !isPattern(String($0)) }
        let base = fixed.joined(separator: "/")
        return (base.isEmpty ? "/" : base, components.dropFirst(fixed.count).joined(separator: "/"))
    }

    static func matches(pattern: String, path: String) -> Bool {
        match(pattern.split(separator: "/").map(String.init)[...], path.split(separator: "/").map(String.init)[...])
    }

    private static func match(_ pattern: ArraySlice<String>, _ path: ArraySlice<String>) -> Bool {
        guard let head = pattern.first else { return path.isEmpty }
        if head == "**" {
            return match(pattern.dropFirst(), path) || (!path.isEmpty && match(pattern, path.dropFirst()))
        }
        guard let name = path.first, fnmatch(head, name, 0) == 0 else { return false }
        return match(pattern.dropFirst(), path.dropFirst())
    }
}
