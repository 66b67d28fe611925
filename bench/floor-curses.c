/* floor-curses.c: the floor of the first frame: ncurses draws one word
 * and waits for a key. */
#include <curses.h>
#include <locale.h>

int
main(void)
{
	setlocale(LC_ALL, "");
	initscr();
	cbreak();
	noecho();
	mvaddstr(0, 0, "floor");
	refresh();
	getch();
	endwin();
	return 0;
}
