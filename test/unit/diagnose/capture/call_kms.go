// Makes one KMS call with the AWS SDK for Go v2, as a reader's program would, and prints the
// error the way Go programs usually do (fmt.Println(err)). The operation and its input (JSON,
// decoded into the SDK's input struct) come from the command line. Used only by
// scripts/capture-client-output.mjs to record what the Go SDK really prints.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/kms"
)

var ctx = context.Background()

func call[Input any, Output any](raw string, operation func(context.Context, *Input, ...func(*kms.Options)) (*Output, error)) error {
	input := new(Input)
	if err := json.Unmarshal([]byte(raw), input); err != nil {
		return fmt.Errorf("input is not JSON for this operation: %w", err)
	}
	_, err := operation(ctx, input)
	return err
}

func main() {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		panic(err)
	}
	client := kms.NewFromConfig(cfg, func(o *kms.Options) {
		o.EndpointResolver = kms.EndpointResolverFromURL(os.Getenv("KMS_ENDPOINT_URL"))
	})
	operation, raw := os.Args[1], os.Args[2]
	operations := map[string]func(string) error{
		"ConnectCustomKeyStore":    func(r string) error { return call(r, client.ConnectCustomKeyStore) },
		"CreateKey":                func(r string) error { return call(r, client.CreateKey) },
		"DeleteCustomKeyStore":     func(r string) error { return call(r, client.DeleteCustomKeyStore) },
		"DescribeCustomKeyStores":  func(r string) error { return call(r, client.DescribeCustomKeyStores) },
		"DisconnectCustomKeyStore": func(r string) error { return call(r, client.DisconnectCustomKeyStore) },
		"Encrypt":                  func(r string) error { return call(r, client.Encrypt) },
		"GenerateRandom":           func(r string) error { return call(r, client.GenerateRandom) },
		"UpdateCustomKeyStore":     func(r string) error { return call(r, client.UpdateCustomKeyStore) },
		"Decrypt":                  func(r string) error { return call(r, client.Decrypt) },
		"ScheduleKeyDeletion":      func(r string) error { return call(r, client.ScheduleKeyDeletion) },
		"CreateCustomKeyStore":     func(r string) error { return call(r, client.CreateCustomKeyStore) },
		"DescribeKey":              func(r string) error { return call(r, client.DescribeKey) },
		"GetKeyRotationStatus":     func(r string) error { return call(r, client.GetKeyRotationStatus) },
	}
	run, known := operations[operation]
	if !known {
		fmt.Fprintf(os.Stderr, "call_kms.go has no case for %s yet: add one line to its table.\n", operation)
		os.Exit(3)
	}
	if err := run(raw); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
