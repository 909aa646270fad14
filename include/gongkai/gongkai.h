/*
 * gongkai.h — umbrella header of libgongkai, the library behind the gongkai tool.
 *
 * libgongkai reads China's 政府信息公开工作年度报告 (government information disclosure
 * annual reports), turns them into exact data and checks them against the national format.
 * Include this one header; the others are split by topic.
 */
#ifndef GONGKAI_H
#define GONGKAI_H

#include <gongkai/blocks.h>
#include <gongkai/chart.h>
#include <gongkai/check.h>
#include <gongkai/compare.h>
#include <gongkai/deadline.h>
#include <gongkai/doc.h>
#include <gongkai/export.h>
#include <gongkai/generate.h>
#include <gongkai/indicators.h>
#include <gongkai/render.h>
#include <gongkai/rollup.h>
#include <gongkai/schema.h>
#include <gongkai/status.h>

#define GK_VERSION "0.1.0"

#endif
