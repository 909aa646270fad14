/*
 * test_export_text.c — placeholder, being written.
 */
#include "harness.h"

int main(void)
{
    return t_report();
}
