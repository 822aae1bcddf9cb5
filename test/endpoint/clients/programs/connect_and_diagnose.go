// Bring one custom key store to CONNECTED, and say why when it fails. Give its ID in
// CUSTOM_KEY_STORE_ID; other stores are left alone (they may be disconnected on purpose).
// Safe to run again: each run makes at most one connection attempt, and none on a store FAILED with
// INVALID_CREDENTIALS or USER_LOCKED_OUT, where every attempt is another failed kmsuser login. After
// you fix the cause, the next run connects the store. The same program as the TypeScript one on the
// scenario pages, with the AWS SDK for Go v2. Run it against the
// mock with KMS_ENDPOINT_URL=http://127.0.0.1:4599; without it, it talks to the real KMS.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/kms"
	"github.com/aws/aws-sdk-go-v2/service/kms/types"
	"github.com/aws/smithy-go"
)

var ctx = context.Background()

func newClient() *kms.Client {
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion("eu-west-1"))
	if err != nil {
		panic(err)
	}
	return kms.NewFromConfig(cfg, func(o *kms.Options) {
		if url := os.Getenv("KMS_ENDPOINT_URL"); url != "" {
			// SDK releases from the third quarter of 2023 on: o.BaseEndpoint = aws.String(url).
			// Debian 12 packages an earlier release, which takes an endpoint resolver instead.
			o.EndpointResolver = kms.EndpointResolverFromURL(url)
		}
	})
}

var client = newClient()

// needsCredentialsFix: another attempt with these codes offers KMS's same credentials again: for a
// CloudHSM key store each one is a failed kmsuser login, and CloudHSM locks kmsuser out after five.
// Only a person can fix them.
func needsCredentialsFix(code types.ConnectionErrorCodeType) bool {
	return code == types.ConnectionErrorCodeTypeInvalidCredentials || code == types.ConnectionErrorCodeTypeUserLockedOut
}

func reportFailure(code types.ConnectionErrorCodeType) {
	fmt.Printf("  FAILED: %s\n  Fix: `npx -p kms-custom-key-store-mock kms-mock explain %s` prints the fix, or see the AWS troubleshooting guide.\n", code, code)
	if needsCredentialsFix(code) {
		fmt.Println("  Not reconnecting: that would be one more failed kmsuser login (five lock it out). It stays FAILED until you disconnect it.")
	}
}

// firstPoll is the first pause between polls (doubling to 30 s); real stores take minutes to connect.
func firstPoll() time.Duration {
	seconds, err := strconv.ParseFloat(os.Getenv("KMS_POLL_SECONDS"), 64)
	if err != nil {
		seconds = 5
	}
	return time.Duration(seconds * float64(time.Second))
}

// waitWhile polls while the store is in `transient`; gives up at the deadline.
func waitWhile(id string, transient types.ConnectionStateType, limit time.Duration) (types.CustomKeyStoresListEntry, error) {
	deadline := time.Now().Add(limit)
	for delay := firstPoll(); ; delay = min(delay*2, 30*time.Second) {
		out, err := client.DescribeCustomKeyStores(ctx, &kms.DescribeCustomKeyStoresInput{CustomKeyStoreId: aws.String(id)})
		if err != nil {
			return types.CustomKeyStoresListEntry{}, err
		}
		if len(out.CustomKeyStores) == 0 {
			return types.CustomKeyStoresListEntry{}, fmt.Errorf("DescribeCustomKeyStores returned nothing for %s", id)
		}
		if store := out.CustomKeyStores[0]; store.ConnectionState != transient {
			return store, nil
		}
		if time.Now().Add(delay).After(deadline) {
			return types.CustomKeyStoresListEntry{}, fmt.Errorf("%s still %s after %v", id, transient, limit)
		}
		time.Sleep(delay)
	}
}

// storeType is CustomKeyStoreType. Debian 12's KMS client (module 1.18) predates external key
// stores and has no such field; a store without a CloudHSM cluster is an external key store.
func storeType(store types.CustomKeyStoresListEntry) string {
	if store.CloudHsmClusterId != nil {
		return "AWS_CLOUDHSM"
	}
	return "EXTERNAL_KEY_STORE"
}

func min(a, b time.Duration) time.Duration {
	if a < b {
		return a
	}
	return b
}

func disconnect(id string) (types.CustomKeyStoresListEntry, error) {
	if _, err := client.DisconnectCustomKeyStore(ctx, &kms.DisconnectCustomKeyStoreInput{CustomKeyStoreId: aws.String(id)}); err != nil {
		return types.CustomKeyStoresListEntry{}, err
	}
	return waitWhile(id, types.ConnectionStateTypeDisconnecting, 10*time.Minute)
}

func bringToConnected(store types.CustomKeyStoresListEntry, id string) error {
	state := store.ConnectionState
	if state == types.ConnectionStateTypeFailed && needsCredentialsFix(store.ConnectionErrorCode) {
		reportFailure(store.ConnectionErrorCode)
		return nil
	}
	if state == types.ConnectionStateTypeFailed {
		fmt.Printf("  FAILED earlier with %s; disconnecting before reconnecting\n", store.ConnectionErrorCode)
		settled, err := disconnect(id)
		if err != nil {
			return err
		}
		state = settled.ConnectionState
	} else if state == types.ConnectionStateTypeDisconnecting {
		settled, err := waitWhile(id, types.ConnectionStateTypeDisconnecting, 10*time.Minute)
		if err != nil {
			return err
		}
		state = settled.ConnectionState
	}
	if state == types.ConnectionStateTypeDisconnected {
		if _, err := client.ConnectCustomKeyStore(ctx, &kms.ConnectCustomKeyStoreInput{CustomKeyStoreId: aws.String(id)}); err != nil {
			return err
		}
		fmt.Println("  Connecting (the 200 response only means it started)...")
	}
	// CloudHSM key stores take up to 20 minutes to connect, external key stores about 5.
	limit := 10 * time.Minute
	if storeType(store) == "AWS_CLOUDHSM" {
		limit = 25 * time.Minute
	}
	result, err := waitWhile(id, types.ConnectionStateTypeConnecting, limit)
	if err != nil {
		return err
	}
	if result.ConnectionState != types.ConnectionStateTypeFailed {
		fmt.Printf("  %s\n", result.ConnectionState)
		return nil
	}
	reportFailure(result.ConnectionErrorCode)
	if needsCredentialsFix(result.ConnectionErrorCode) {
		return nil
	}
	if _, err := disconnect(id); err != nil { // a FAILED store must be disconnected before the next connect
		return err
	}
	fmt.Println("  Disconnected: fix the cause, then run this again.")
	return nil
}

func main() {
	id := os.Getenv("CUSTOM_KEY_STORE_ID")
	if id == "" {
		fmt.Fprintln(os.Stderr, "Set CUSTOM_KEY_STORE_ID to the ID of the custom key store to connect (cks-...).")
		os.Exit(2)
	}
	out, err := client.DescribeCustomKeyStores(ctx, &kms.DescribeCustomKeyStoresInput{CustomKeyStoreId: aws.String(id)})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if len(out.CustomKeyStores) == 0 {
		fmt.Fprintf(os.Stderr, "DescribeCustomKeyStores returned nothing for %s\n", id)
		os.Exit(1)
	}
	store := out.CustomKeyStores[0]
	fmt.Printf("%s (%s, %s): %s\n", id, aws.ToString(store.CustomKeyStoreName), storeType(store), store.ConnectionState)
	if store.ConnectionState == types.ConnectionStateTypeConnected {
		return
	}
	err = bringToConnected(store, id)
	var invalidState *types.CustomKeyStoreInvalidStateException
	var apiError smithy.APIError
	switch {
	case err == nil:
	case errors.As(err, &invalidState):
		fmt.Printf("  Its state changed under us (someone else acting on it?); run again. %s\n", invalidState.ErrorMessage())
	case errors.As(err, &apiError):
		fmt.Printf("  %s: %s\n", apiError.ErrorCode(), apiError.ErrorMessage()) // e.g. CloudHsmClusterNotActiveException
	default:
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
