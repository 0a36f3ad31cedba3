// QuizBank is what the rest of iamquiz imports for banks: the native format (model, parser, printer) lives
// in BankFormat, so that build tools can parse banks without the world and the importers, and comes along.
@_exported import BankFormat
