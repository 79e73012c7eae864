// The domain's stack buffers (parser text, running totals, peer values) are always written before they are read:
// the runtime need not zero them first (several KB per evaluation).
[module: System.Runtime.CompilerServices.SkipLocalsInit]
