"""Pure text analysis, no I/O and nothing of ours imported: sentences, numbers, names,
who a sentence credits, tense, planted instructions, figure sentences."""
