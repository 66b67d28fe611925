/* Only src/ui/ draws on the terminal: curses is not for this layer. */
#error "curses is for src/ui/ only"
