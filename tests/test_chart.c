/*
 * test_chart.c — placeholder, being written.
 */
#include "harness.h"

int main(void)
{
    return t_report();
}
